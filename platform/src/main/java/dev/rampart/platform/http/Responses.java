package dev.rampart.platform.http;

import dev.rampart.contracts.ErrorCode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writing JSON and problem responses. */
final class Responses {

  private Responses() {}

  static void json(RoutingContext rc, int status, JsonObject body) {
    rc.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.toBuffer());
  }

  static void problem(RoutingContext rc, Problem problem) {
    if (rc.response().ended()) {
      return;
    }
    if (rc.response().headWritten()) {
      rc.response().reset();
      return;
    }
    if (problem.code() == ErrorCode.UNAUTHENTICATED) {
      rc.response().putHeader("WWW-Authenticate", "Bearer");
    }
    if (problem.members().getValue("retry-after-seconds") instanceof Number seconds) {
      rc.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds.longValue()));
    }
    rc.response()
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
        .end(problem.toJson(RequestIds.of(rc)).toBuffer());
  }
}
