package dev.rampart.platform.auth;

import dev.rampart.platform.config.PlatformConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.List;

/**
 * Builds the JWT provider from {@code auth.jwt}: HS256 with a shared secret by default, or
 * RS256/ES256 with PEM keys. Only the configured algorithm is accepted, which also refuses
 * {@code alg: none} and algorithm-confusion tokens; the issuer must match.
 */
final class JwtKeys {

  private JwtKeys() {}

  static JWTAuth provider(Vertx vertx, PlatformConfig.Auth auth) {
    JWTAuthOptions options = new JWTAuthOptions()
        .setJWTOptions(new JWTOptions().setIssuer(auth.issuer()).setLeeway(0));
    if ("HS256".equals(auth.algorithm())) {
      options.addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(auth.secret()));
    } else {
      for (String pem : List.of(auth.publicKeyPem(), auth.privateKeyPem())) {
        if (pem != null && !pem.isBlank()) {
          options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(auth.algorithm()).setBuffer(pem));
        }
      }
    }
    return JWTAuth.create(vertx, options);
  }

  static boolean canIssue(PlatformConfig.Auth auth) {
    return "HS256".equals(auth.algorithm()) || (auth.privateKeyPem() != null && !auth.privateKeyPem().isBlank());
  }
}
