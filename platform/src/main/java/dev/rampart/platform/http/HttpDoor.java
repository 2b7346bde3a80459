package dev.rampart.platform.http;

import dev.rampart.platform.api.ApiOperation;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.Map;

/**
 * The HTTP door of an {@link ApiOperation}: after the OpenAPI router has validated the request,
 * merges the body and parameters into the operation's request JSON, calls the handler and writes
 * the result or the problem.
 */
final class HttpDoor implements Handler<RoutingContext> {

  private final ApiOperation operation;

  HttpDoor(ApiOperation operation) {
    this.operation = operation;
  }

  @Override
  public void handle(RoutingContext rc) {
    operation.invoke(Authentication.caller(rc), request(rc))
        .onSuccess(result -> Responses.json(rc, operation.successStatus(), result))
        .onFailure(e -> Responses.problem(rc, Problem.from(e)));
  }

  private static JsonObject request(RoutingContext rc) {
    ValidatedRequest validated = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    JsonObject request = new JsonObject();
    RequestParameter body = validated.getBody();
    if (body != null && !body.isNull() && body.isJsonObject()) {
      request.mergeIn(body.getJsonObject());
    }
    put(request, validated.getQuery());
    put(request, validated.getPathParameters());
    return request;
  }

  private static void put(JsonObject request, Map<String, RequestParameter> parameters) {
    if (parameters == null) {
      return;
    }
    parameters.forEach((name, value) -> {
      if (value != null && !value.isNull()) {
        request.put(ApiOperation.kebab(name), value.get());
      }
    });
  }
}
