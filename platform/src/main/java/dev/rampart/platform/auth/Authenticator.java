package dev.rampart.platform.auth;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import dev.rampart.platform.config.PlatformConfig;
import dev.rampart.platform.config.TenantConfig;
import dev.rampart.platform.config.TenantRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.util.Optional;

/**
 * Turns a bearer credential — a tenant API key or a JWT this node issued — into a {@link Caller}.
 * Both doors (HTTP and event bus) use it, so they accept and refuse exactly the same things.
 *
 * <p>A JWT names its tenant ({@code sub}) and key ({@code kid}); on every use the key is looked
 * up again, so revoking a key or removing a tenant also invalidates its tokens, and roles come
 * from the current tenant file. Failure messages never say which part was wrong beyond
 * "expired" or "invalid", and never echo the credential.
 */
public final class Authenticator {

  private final JWTAuth jwt;
  private final PlatformConfig.Auth config;
  private final TenantRegistry tenants;

  public Authenticator(Vertx vertx, PlatformConfig.Auth config, TenantRegistry tenants) {
    this.jwt = JwtKeys.provider(vertx, config);
    this.config = config;
    this.tenants = tenants;
  }

  /** The caller named by an {@code Authorization} header value; fails UNAUTHENTICATED. */
  public Future<Caller> authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return unauthenticated("missing bearer credential");
    }
    String[] parts = authorization.trim().split("\\s+", 2);
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer") || parts[1].isBlank()) {
      return unauthenticated("the Authorization header must be 'Bearer <api key or token>'");
    }
    String credential = parts[1];
    return looksLikeJwt(credential) ? fromJwt(credential) : fromApiKey(credential);
  }

  /** Exchanges an API key for a signed, short-lived JWT. */
  public Future<JsonObject> issueToken(String apiKey) {
    if (!JwtKeys.canIssue(config)) {
      return Future.failedFuture(new RampartException(ErrorCode.EXTENSION_UNAVAILABLE,
          "token issuing needs auth.jwt.private-key for " + config.algorithm()));
    }
    return fromApiKey(apiKey).map(caller -> {
      String token = jwt.generateToken(
          new JsonObject().put("kid", caller.keyId()).put("roles", new JsonArray(caller.roles().stream().sorted().toList())),
          new JWTOptions()
              .setAlgorithm(config.algorithm())
              .setExpiresInSeconds(config.tokenTtlSeconds())
              .setIssuer(config.issuer())
              .setSubject(caller.tenantId()));
      return new JsonObject()
          .put("access-token", token)
          .put("token-type", "Bearer")
          .put("expires-in", config.tokenTtlSeconds())
          .put("tenant", caller.tenantId());
    });
  }

  private Future<Caller> fromApiKey(String key) {
    return tenants.authenticate(key)
        .map(match -> Future.succeededFuture(new Caller(match.tenant().id(), match.key().id(), match.key().roles())))
        .orElseGet(() -> unauthenticated("unknown or revoked API key"));
  }

  private Future<Caller> fromJwt(String token) {
    return jwt.authenticate(new TokenCredentials(token))
        .recover(e -> unauthenticated(isExpiry(e) ? "token expired" : "invalid token"))
        .compose(user -> {
          JsonObject claims = user.principal();
          String tenantId = claims.getString("sub");
          String keyId = claims.getString("kid");
          Optional<TenantConfig.ApiKey> key =
              tenantId == null || keyId == null ? Optional.empty() : tenants.key(tenantId, keyId);
          if (key.isEmpty() || key.get().revoked()) {
            return unauthenticated("token for an unknown tenant or a revoked key");
          }
          return Future.succeededFuture(new Caller(tenantId, keyId, key.get().roles()));
        });
  }

  private static boolean looksLikeJwt(String credential) {
    return credential.chars().filter(c -> c == '.').count() == 2;
  }

  private static boolean isExpiry(Throwable e) {
    String message = e.getMessage();
    return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("expired");
  }

  private static <T> Future<T> unauthenticated(String why) {
    return Future.failedFuture(new RampartException(ErrorCode.UNAUTHENTICATED, why));
  }
}
