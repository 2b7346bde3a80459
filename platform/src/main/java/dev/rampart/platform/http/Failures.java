package dev.rampart.platform.http;

import dev.rampart.contracts.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/**
 * Maps every failure the router can produce — body limit, unknown route, wrong method, handler
 * errors — to a problem+json response with a stable code. (Contract validation happens in
 * {@link HttpDoor}, which writes its own problems.)
 */
final class Failures implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext rc) {
    Responses.problem(rc, problem(rc.failure(), rc.statusCode()));
  }

  static Problem problem(Throwable failure, int status) {
    if (failure == null || failure instanceof HttpException) {
      int code = failure instanceof HttpException http ? http.getStatusCode() : status;
      return forStatus(code);
    }
    return Problem.from(failure);
  }

  static Problem forStatus(int status) {
    return switch (status) {
      case 400 -> Problem.of(ErrorCode.VALIDATION_FAILED, "bad request");
      case 404 -> Problem.of(ErrorCode.ROUTE_NOT_FOUND, "no route matches this path");
      case 405 -> Problem.of(ErrorCode.METHOD_NOT_ALLOWED, "this path does not accept that method");
      case 413 -> Problem.of(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is larger than the server accepts");
      case 415 -> Problem.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send application/json");
      case 401 -> Problem.of(ErrorCode.UNAUTHENTICATED, "authentication required");
      case 403 -> Problem.of(ErrorCode.FORBIDDEN, "forbidden");
      default -> Problem.of(ErrorCode.INTERNAL, "unexpected status " + status);
    };
  }
}
