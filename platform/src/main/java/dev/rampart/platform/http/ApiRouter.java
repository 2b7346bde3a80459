package dev.rampart.platform.http;

import dev.rampart.platform.api.ApiOperation;
import dev.rampart.platform.api.ContractInput;
import dev.rampart.platform.auth.Authenticator;
import dev.rampart.platform.kernel.Readiness;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.List;

/**
 * Builds the HTTP router from the OpenAPI contract: each {@code operationId} gets its route and
 * its {@link HttpDoor}, which validates the request against the contract's schemas, and every
 * failure becomes problem+json.
 * The router is mounted at the root (vertx-openapi#120: path parameters break in a sub-router).
 */
public final class ApiRouter {

  /**
   * What the router serves.
   *
   * @param api the OpenAPI document: parsed for the router, text served at {@code /openapi.yaml}
   * @param bodyLimitBytes largest accepted body
   * @param authenticator credential check
   * @param input request validation from the contract, shared with the event-bus door
   * @param operations one per contract operation (health excepted)
   * @param readiness readiness report
   */
  public record Spec(
      ApiContract api,
      long bodyLimitBytes,
      Authenticator authenticator,
      ContractInput input,
      List<ApiOperation> operations,
      Readiness readiness) {}

  private ApiRouter() {}

  public static Router create(Vertx vertx, Spec spec) {
    RouterBuilder builder = RouterBuilder.create(vertx, spec.api().contract(), RequestExtractor.withBodyHandler());
    // routes come from the contract; validation too, through ContractInput (see there why not the router's)
    builder.getRoutes().forEach(r -> r.setDoValidation(false).setDoSecurity(false));
    builder.rootHandler(new RequestIds());
    builder.rootHandler(BodyHandler.create(false).setBodyLimit(spec.bodyLimitBytes()));
    builder.rootHandler(new Authentication(spec.authenticator()));
    Failures failures = new Failures();
    for (ApiOperation op : spec.operations()) {
      builder.getRoute(op.operationId()).addHandler(new HttpDoor(op, spec.input())).addFailureHandler(failures);
    }
    builder.getRoute("live").addHandler(rc -> Responses.json(rc, 200, new JsonObject().put("status", "UP")));
    builder.getRoute("ready").addHandler(rc -> spec.readiness().check()
        .onSuccess(report -> Responses.json(rc, "DOWN".equals(report.getString("status")) ? 503 : 200, report))
        .onFailure(rc::fail));

    Router router = builder.createRouter();
    router.get("/metrics").handler(PrometheusScrapingHandler.create());
    DocsRoutes.mount(router, spec.api().yaml());
    router.route().failureHandler(failures);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, rc -> Responses.problem(rc, Failures.problem(rc.failure(), status)));
    }
    return router;
  }
}
