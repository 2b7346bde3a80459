package dev.rampart.platform.http;

import static dev.rampart.platform.kernel.TestKernel.ACME_KEY;
import static dev.rampart.platform.kernel.TestKernel.ACME_REVOKED;
import static dev.rampart.platform.kernel.TestKernel.GLOBEX_KEY;
import static dev.rampart.platform.kernel.TestKernel.SECRET;
import static dev.rampart.platform.kernel.TestKernel.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.platform.kernel.TestKernel;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials: API keys, issued JWTs, and every way a credential can be wrong. */
class AuthTest {

  @TempDir static Path dir;
  @AutoClose static TestKernel rampart;

  @BeforeAll
  static void boot() throws Exception {
    rampart = TestKernel.start(dir);
  }

  private static void assertUnauthenticated(HttpResponse<Buffer> r) {
    assertEquals(401, r.statusCode(), r.bodyAsString());
    assertEquals("unauthenticated", r.bodyAsJsonObject().getString("code"));
    assertEquals("Bearer", r.getHeader("WWW-Authenticate"));
  }

  private static JWTAuth signer(String secret) {
    return JWTAuth.create(rampart.vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
  }

  private static String token(String secret, JsonObject claims, JWTOptions options) {
    return signer(secret).generateToken(claims, options.setAlgorithm("HS256"));
  }

  @Test
  void missingOrMalformedCredentialsAreRefused() throws Exception {
    assertUnauthenticated(await(rampart.fromEventLoop(() -> rampart.http.get("/v1/conversations").send())));
    assertUnauthenticated(await(rampart.fromEventLoop(
        () -> rampart.http.get("/v1/conversations").putHeader("Authorization", "Basic abc").send())));
    assertUnauthenticated(await(rampart.fromEventLoop(
        () -> rampart.http.get("/v1/conversations").putHeader("Authorization", "Bearer ").send())));
  }

  @Test
  void unknownAndRevokedApiKeysAreRefused() throws Exception {
    assertUnauthenticated(rampart.get("/v1/conversations", "rk_not_a_real_key"));
    assertUnauthenticated(rampart.get("/v1/conversations", ACME_REVOKED));
    HttpResponse<Buffer> exchange = await(rampart.fromEventLoop(
        () -> rampart.http.post("/v1/auth/token").sendJsonObject(new JsonObject().put("api-key", ACME_REVOKED))));
    assertUnauthenticated(exchange);
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
    String forged = token("some-other-secret-0123456789abcdefghijkl",
        new JsonObject().put("kid", "main"), new JWTOptions().setSubject("acme").setIssuer("rampart").setExpiresInSeconds(60));
    assertUnauthenticated(rampart.get("/v1/conversations", forged));
  }

  @Test
  void anUnsignedAlgNoneTokenIsRefused() throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    long exp = System.currentTimeMillis() / 1000 + 60;
    String payload = b64.encodeToString(("{\"sub\":\"acme\",\"kid\":\"main\",\"iss\":\"rampart\",\"exp\":" + exp + "}")
        .getBytes(StandardCharsets.UTF_8));
    assertUnauthenticated(rampart.get("/v1/conversations", header + "." + payload + "."));
  }

  @Test
  void anExpiredTokenIsRefusedSayingSo() throws Exception {
    long past = System.currentTimeMillis() / 1000 - 120;
    String expired = token(SECRET, new JsonObject().put("kid", "main").put("exp", past).put("iat", past - 60),
        new JWTOptions().setSubject("acme").setIssuer("rampart").setNoTimestamp(true));
    HttpResponse<Buffer> r = rampart.get("/v1/conversations", expired);
    assertUnauthenticated(r);
    assertEquals("token expired", r.bodyAsJsonObject().getString("detail"));
  }

  @Test
  void aTokenForAnUnknownTenantOrRevokedKeyIsRefusedEvenWhenSignedCorrectly() throws Exception {
    JWTOptions options = new JWTOptions().setIssuer("rampart").setExpiresInSeconds(60);
    assertUnauthenticated(rampart.get("/v1/conversations",
        token(SECRET, new JsonObject().put("kid", "main"), options.setSubject("initech"))));
    assertUnauthenticated(rampart.get("/v1/conversations",
        token(SECRET, new JsonObject().put("kid", "old"), new JWTOptions().setIssuer("rampart").setExpiresInSeconds(60).setSubject("acme"))));
    assertUnauthenticated(rampart.get("/v1/conversations",
        token(SECRET, new JsonObject().put("kid", "main"), new JWTOptions().setIssuer("someone-else").setExpiresInSeconds(60).setSubject("acme"))));
  }

  @Test
  void theTenantComesFromTheCredentialNotTheRequest() throws Exception {
    String globexToken = await(rampart.fromEventLoop(
            () -> rampart.http.post("/v1/auth/token").sendJsonObject(new JsonObject().put("api-key", GLOBEX_KEY))))
        .bodyAsJsonObject().getString("access-token");
    String acmeConversation = rampart.post("/v1/conversations", ACME_KEY, new JsonObject().put("title", "acme")).bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> r = rampart.get("/v1/conversations/" + acmeConversation, globexToken);
    assertEquals(404, r.statusCode());
    HttpResponse<Buffer> smuggled = rampart.post("/v1/conversations", globexToken, new JsonObject().put("title", "x").put("tenant-id", "acme"));
    assertEquals(400, smuggled.statusCode(), "unknown fields such as a tenant id are refused");
  }

  @Test
  void rolesGateTheAdminRoutes() throws Exception {
    HttpResponse<Buffer> agent = rampart.get("/v1/admin/plugins", GLOBEX_KEY);
    assertEquals(403, agent.statusCode());
    assertEquals("forbidden", agent.bodyAsJsonObject().getString("code"));
    assertEquals(403, rampart.get("/v1/admin/tenants", GLOBEX_KEY).statusCode());

    JsonObject plugins = rampart.get("/v1/admin/plugins", ACME_KEY).bodyAsJsonObject();
    ContractResponses.assertMatches("listPlugins", 200, plugins);
    assertEquals("0.1.0", plugins.getString("system-version"));
    JsonObject embedded = plugins.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("id").equals("persistence-embedded")).findFirst().orElseThrow();
    assertEquals("started", embedded.getString("state"));
    assertEquals("embedded", embedded.getJsonArray("extensions").getJsonObject(0).getString("type"));
    assertEquals("started", embedded.getJsonArray("instances").getJsonObject(0).getString("state"));

    JsonObject tenantList = rampart.get("/v1/admin/tenants", ACME_KEY).bodyAsJsonObject();
    ContractResponses.assertMatches("listTenants", 200, tenantList);
    JsonArray tenants = tenantList.getJsonArray("items");
    assertEquals(2, tenants.size());
    assertTrue(tenants.stream().map(JsonObject.class::cast).allMatch(t -> "loaded".equals(t.getString("state"))), tenants.encode());
    assertFalse(tenants.encode().contains(ACME_KEY));
  }
}
