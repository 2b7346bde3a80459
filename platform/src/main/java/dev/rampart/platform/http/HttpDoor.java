package dev.rampart.platform.http;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.platform.api.ApiOperation;
import dev.rampart.platform.api.ContractInput;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Location;
import java.util.List;

/**
 * The HTTP door of an {@link ApiOperation}: reads the JSON body and the parameters, checks them
 * against the contract (the same {@link ContractInput} the event-bus door uses), calls the
 * handler and writes the result or the problem.
 */
final class HttpDoor implements Handler<RoutingContext> {

  private final ApiOperation operation;
  private final ContractInput input;

  HttpDoor(ApiOperation operation, ContractInput input) {
    this.operation = operation;
    this.input = input;
  }

  @Override
  public void handle(RoutingContext rc) {
    Future<JsonObject> request;
    try {
      request = Future.succeededFuture(request(rc));
    } catch (RuntimeException e) {
      request = Future.failedFuture(e);
    }
    request.onSuccess(req -> {
      if (operation.streams(req)) {
        operation.openStream(Authentication.caller(rc), req)
            .onSuccess(stream -> ServerSentEvents.send(rc, stream))
            .onFailure(e -> Responses.problem(rc, Problem.from(e)));
      } else {
        operation.invokeReply(Authentication.caller(rc), req)
            .onSuccess(reply -> {
              reply.headers().forEach(rc.response()::putHeader);
              Responses.json(rc, operation.successStatus(), reply.body());
            })
            .onFailure(e -> Responses.problem(rc, Problem.from(e)));
      }
    }).onFailure(e -> Responses.problem(rc, Problem.from(e)));
  }

  private JsonObject request(RoutingContext rc) {
    JsonObject body = null;
    if (input.takesBody(operation.operationId())) {
      body = body(rc);
    }
    JsonObject request = input.fromHttp(operation.operationId(), body, (in, name) -> raw(rc, in, name));
    List<String> problems = input.problems(operation.operationId(), request);
    if (!problems.isEmpty()) {
      throw new Problem(ErrorCode.VALIDATION_FAILED, "the request does not match the contract", problems).toException();
    }
    return request;
  }

  private static JsonObject body(RoutingContext rc) {
    Buffer buffer = rc.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      return new JsonObject();
    }
    String type = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null || !(type.startsWith("application/json") || type.contains("+json"))) {
      throw Problem.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json").toException();
    }
    Object parsed;
    try {
      parsed = Json.decode(buffer);
    } catch (DecodeException e) {
      throw Problem.of(ErrorCode.MALFORMED_JSON, "the request body is not valid JSON").toException();
    }
    if (!(parsed instanceof JsonObject object)) {
      throw Problem.of(ErrorCode.VALIDATION_FAILED, "the request body must be a JSON object").toException();
    }
    return object;
  }

  private static String raw(RoutingContext rc, Location in, String name) {
    return switch (in) {
      case PATH -> rc.pathParam(name);
      case QUERY -> rc.queryParams().get(name);
      case HEADER -> rc.request().getHeader(name);
      case COOKIE -> rc.request().getCookie(name) == null ? null : rc.request().getCookie(name).getValue();
    };
  }

  /** Decodes any JSON value, so a non-object body is reported as such rather than as garbage. */
  private static final class Json {
    static Object decode(Buffer buffer) {
      return io.vertx.core.json.Json.decodeValue(buffer);
    }
  }
}
