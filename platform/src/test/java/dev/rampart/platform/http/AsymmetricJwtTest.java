package dev.rampart.platform.http;

import static dev.rampart.platform.kernel.TestKernel.ACME_KEY;
import static dev.rampart.platform.kernel.TestKernel.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.platform.kernel.TestKernel;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** RS256 and ES256: tokens issued with the configured private key, checked with the public key. */
class AsymmetricJwtTest {

  @TempDir Path dir;

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static KeyPair keys(String algorithm) throws Exception {
    if (algorithm.equals("RS256")) {
      KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(2048);
      return rsa.generateKeyPair();
    }
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    return ec.generateKeyPair();
  }

  @ParameterizedTest
  @ValueSource(strings = {"RS256", "ES256"})
  void tokensAreIssuedAndCheckedWithTheConfiguredKeyPair(String algorithm) throws Exception {
    KeyPair pair = keys(algorithm);
    KeyPair other = keys(algorithm);
    String publicPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
    String privatePem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    TestKernel.writeConfig(dir, "[" + TestKernel.BUNDLED_PLUGINS.toAbsolutePath() + "]", "");
    String yaml = Files.readString(dir.resolve("rampart.yaml")).replaceFirst("auth: \\{[^\\n]*\\}\\n",
        "auth:\n  jwt:\n    algorithm: " + algorithm + "\n    token-ttl-seconds: 60\n    public-key: |\n"
            + indent(publicPem) + "    private-key: |\n" + indent(privatePem));
    Files.writeString(dir.resolve("rampart.yaml"), yaml);
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    dev.rampart.platform.kernel.Kernel kernel = await(dev.rampart.platform.kernel.Kernel.boot(vertx,
        dev.rampart.platform.config.ConfigLoader.load(dir.resolve("rampart.yaml"), java.util.Map.of()), java.util.Map.of()));
    io.vertx.ext.web.client.WebClient http = io.vertx.ext.web.client.WebClient.create(vertx,
        new io.vertx.ext.web.client.WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(kernel.httpPort()));
    try {
      HttpResponse<Buffer> token = await(http.post("/v1/auth/token").sendJsonObject(new JsonObject().put("api-key", ACME_KEY)));
      assertEquals(200, token.statusCode(), token.bodyAsString());
      String jwt = token.bodyAsJsonObject().getString("access-token");
      assertEquals(algorithm, new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]))).getString("alg"));
      assertEquals(200, await(http.get("/v1/conversations").putHeader("Authorization", "Bearer " + jwt).send()).statusCode());

      String forged = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm)
              .setBuffer(pem("PRIVATE KEY", other.getPrivate().getEncoded()))))
          .generateToken(new JsonObject().put("kid", "main"),
              new JWTOptions().setAlgorithm(algorithm).setSubject("acme").setIssuer("rampart").setExpiresInSeconds(60));
      assertEquals(401, await(http.get("/v1/conversations").putHeader("Authorization", "Bearer " + forged).send()).statusCode());
    } finally {
      http.close();
      await(kernel.stop());
      await(vertx.close());
    }
  }

  private static String indent(String pem) {
    StringBuilder out = new StringBuilder();
    for (String line : pem.split("\n")) {
      out.append("      ").append(line).append('\n');
    }
    return out.toString();
  }
}
