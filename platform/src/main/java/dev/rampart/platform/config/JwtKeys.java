package dev.rampart.platform.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Checks the JWT key material at boot, so a wrong key fails the start with a clear problem
 * rather than the first request. Messages never quote the key or secret.
 */
final class JwtKeys {

  static final int MIN_HMAC_SECRET_BYTES = 32;

  private JwtKeys() {}

  static void check(PlatformConfig.Auth auth, String label, List<String> problems) {
    String at = label + ":$.auth.jwt.";
    if (auth.algorithm().equals("HS256")) {
      if (auth.secret().isEmpty()) {
        problems.add(at + "secret: is required for HS256");
      } else if (auth.secret().getBytes(StandardCharsets.UTF_8).length < MIN_HMAC_SECRET_BYTES) {
        problems.add(at + "secret: must be at least " + MIN_HMAC_SECRET_BYTES + " bytes long for HS256");
      }
      return;
    }
    String family = auth.algorithm().startsWith("RS") ? "RSA" : "EC";
    if (auth.publicKeyPem().isBlank()) {
      problems.add(at + "public-key: is required for " + auth.algorithm());
    } else if (!parses(auth.publicKeyPem(), family, false)) {
      problems.add(at + "public-key: is not a PEM " + family + " public key (-----BEGIN PUBLIC KEY-----)");
    }
    if (!auth.privateKeyPem().isBlank() && !parses(auth.privateKeyPem(), family, true)) {
      problems.add(at + "private-key: is not a PEM PKCS#8 " + family + " private key (-----BEGIN PRIVATE KEY-----)");
    }
  }

  private static boolean parses(String pem, String family, boolean isPrivate) {
    try {
      String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
      byte[] der = Base64.getDecoder().decode(body);
      KeyFactory factory = KeyFactory.getInstance(family);
      if (isPrivate) {
        factory.generatePrivate(new PKCS8EncodedKeySpec(der));
      } else {
        factory.generatePublic(new X509EncodedKeySpec(der));
      }
      return true;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
