package dev.rampart.platform.http;

import dev.rampart.platform.auth.Authenticator;
import dev.rampart.platform.auth.Caller;
import io.vertx.ext.web.handler.AuthenticationHandler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * Authenticates every {@code /v1} request except the token exchange before validation runs, so an
 * anonymous caller learns nothing about the contract from validation errors. The caller is kept
 * on the routing context for the operation handler.
 */
final class Authentication implements AuthenticationHandler {

  private static final String KEY = "caller";
  private static final Set<String> PUBLIC = Set.of("/v1/auth/token");

  private final Authenticator authenticator;

  Authentication(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public void handle(RoutingContext rc) {
    String path = rc.normalizedPath();
    if (!path.startsWith("/v1/") || PUBLIC.contains(path)) {
      rc.next();
      return;
    }
    authenticator.authenticate(rc.request().getHeader(HttpHeaders.AUTHORIZATION))
        .onSuccess(caller -> {
          rc.put(KEY, caller);
          rc.next();
        })
        .onFailure(e -> Responses.problem(rc, Problem.from(e)));
  }

  static Caller caller(RoutingContext rc) {
    return rc.get(KEY);
  }
}
