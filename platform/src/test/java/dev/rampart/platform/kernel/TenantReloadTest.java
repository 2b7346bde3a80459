package dev.rampart.platform.kernel;

import static dev.rampart.platform.kernel.TestKernel.ACME_KEY;
import static dev.rampart.platform.kernel.TestKernel.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tenant files change under a running kernel: good changes apply, bad ones keep the last good config. */
class TenantReloadTest {

  @TempDir Path dir;

  private static Future<Integer> status(TestKernel rampart, String key) {
    return rampart.http.get("/v1/conversations").putHeader("Authorization", "Bearer " + key).send().map(r -> r.statusCode());
  }

  @Test
  void revokingAKeyInTheFileTakesEffectWithoutARestartAndABadEditKeepsTheLastGoodConfig() throws Exception {
    TestKernel.writeConfig(dir, "[" + TestKernel.BUNDLED_PLUGINS.toAbsolutePath() + "]", "");
    Path file = dir.resolve("rampart.yaml");
    Files.writeString(file, Files.readString(file).replace("tenants-reload-ms: 0", "tenants-reload-ms: 50"));
    try (TestKernel rampart = TestKernel.boot(dir)) {
      String token = await(rampart.fromEventLoop(() -> rampart.http.post("/v1/auth/token").sendJsonObject(new JsonObject().put("api-key", ACME_KEY))))
          .bodyAsJsonObject().getString("access-token");
      assertEquals(200, await(status(rampart, token)));

      Path acme = dir.resolve("tenants/acme.yaml");
      String good = Files.readString(acme);
      Files.writeString(acme, "id: acme\nname: [broken\n");
      await(rampart.eventually(10_000, () -> rampart.http.get("/v1/admin/tenants")
          .putHeader("Authorization", "Bearer " + ACME_KEY).send()
          .map(r -> r.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
              .anyMatch(t -> "acme".equals(t.getString("tenant-id")) && "invalid".equals(t.getString("state"))))));
      assertEquals(200, await(status(rampart, ACME_KEY)), "the last good config still serves");

      Files.writeString(acme, good.replace("roles: [admin, operator, agent] }", "roles: [admin, operator, agent], revoked: true }"));
      await(rampart.eventually(10_000, () -> status(rampart, ACME_KEY).map(s -> s == 401)));
      assertEquals(401, await(status(rampart, token)), "tokens issued for the revoked key stop working too");
      assertTrue(Files.readString(acme).contains("revoked: true"));
    }
  }
}
