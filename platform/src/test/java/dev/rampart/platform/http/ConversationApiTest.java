package dev.rampart.platform.http;

import static dev.rampart.platform.kernel.TestKernel.ACME_KEY;
import static dev.rampart.platform.kernel.TestKernel.GLOBEX_KEY;
import static dev.rampart.platform.kernel.TestKernel.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.platform.kernel.TestKernel;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conversation API over HTTP against a real kernel with the embedded store. */
class ConversationApiTest {

  @TempDir static Path dir;
  @AutoClose static TestKernel rampart;

  @BeforeAll
  static void boot() throws Exception {
    rampart = TestKernel.start(dir);
  }

  private static JsonObject createConversation(String key, String title) throws Exception {
    HttpResponse<Buffer> r = rampart.post("/v1/conversations", key, new JsonObject().put("title", title));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private static void assertProblem(HttpResponse<Buffer> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertEquals("application/problem+json", r.getHeader("Content-Type"));
    JsonObject problem = r.bodyAsJsonObject();
    assertEquals(code, problem.getString("code"), problem.encode());
    assertEquals(status, problem.getInteger("status"));
    assertEquals("urn:rampart:problem:" + code, problem.getString("type"));
    assertNotNull(problem.getString("request-id"));
  }

  @Test
  void theReadmeTourWorksWithATokenFromTheApiKey() throws Exception {
    HttpResponse<Buffer> token = await(rampart.fromEventLoop(() -> rampart.http.post("/v1/auth/token")
        .sendJsonObject(new JsonObject().put("api-key", ACME_KEY))));
    assertEquals(200, token.statusCode(), token.bodyAsString());
    ContractResponses.assertMatches("createToken", 200, token.bodyAsJsonObject());
    String jwt = token.bodyAsJsonObject().getString("access-token");
    assertEquals("Bearer", token.bodyAsJsonObject().getString("token-type"));
    assertEquals(60, token.bodyAsJsonObject().getInteger("expires-in"));

    JsonObject conversation = createConversation(jwt, "support chat");
    ContractResponses.assertMatches("createConversation", 201, conversation);
    String id = conversation.getString("id");
    assertEquals("support chat", conversation.getString("title"));
    assertEquals(0, conversation.getInteger("message-count"));
    assertNotNull(conversation.getString("expires-at"), "default ttl gives an expiry");

    for (String text : List.of("hello", "how can I help?", "my order is late")) {
      HttpResponse<Buffer> appended = rampart.post("/v1/conversations/" + id + "/messages", jwt,
          new JsonObject().put("role", "user").put("content", text).put("metadata", new JsonObject().put("k", 1)));
      assertEquals(201, appended.statusCode(), appended.bodyAsString());
    }
    JsonObject page = rampart.get("/v1/conversations/" + id + "/messages", jwt).bodyAsJsonObject();
    ContractResponses.assertMatches("listMessages", 200, page);
    JsonArray items = page.getJsonArray("items");
    assertEquals(3, items.size());
    assertEquals(List.of(1L, 2L, 3L), items.stream().map(m -> ((JsonObject) m).getLong("seq")).toList());
    assertEquals("my order is late", items.getJsonObject(2).getString("content"));
    assertNull(page.getString("next-cursor"));

    JsonObject fetched = rampart.get("/v1/conversations/" + id, jwt).bodyAsJsonObject();
    ContractResponses.assertMatches("getConversation", 200, fetched);
    assertEquals(3, fetched.getInteger("message-count"));
    ContractResponses.assertMatches("listConversations", 200, rampart.get("/v1/conversations", jwt).bodyAsJsonObject());
    assertEquals(200, rampart.delete("/v1/conversations/" + id, jwt).statusCode());
    assertProblem(rampart.get("/v1/conversations/" + id, jwt), 404, "not-found");
  }

  @Test
  void cursorPaginationWalksEveryConversationOnce() throws Exception {
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 7; i++) {
      created.add(createConversation(GLOBEX_KEY, "c" + i).getString("id"));
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      String path = "/v1/conversations?limit=3" + (cursor == null ? "" : "&cursor=" + cursor);
      JsonObject page = rampart.get(path, GLOBEX_KEY).bodyAsJsonObject();
      page.getJsonArray("items").forEach(c -> seen.add(((JsonObject) c).getString("id")));
      cursor = page.getString("next-cursor");
    } while (cursor != null);
    assertEquals(seen.size(), new HashSet<>(seen).size(), "no conversation twice");
    assertTrue(new HashSet<>(seen).containsAll(created));
  }

  @Test
  void aTenantNeverSeesAnotherTenantsConversations() throws Exception {
    String id = createConversation(ACME_KEY, "acme only").getString("id");
    assertProblem(rampart.get("/v1/conversations/" + id, GLOBEX_KEY), 404, "not-found");
    assertProblem(rampart.get("/v1/conversations/" + id + "/messages", GLOBEX_KEY), 404, "not-found");
    assertProblem(rampart.post("/v1/conversations/" + id + "/messages", GLOBEX_KEY,
        new JsonObject().put("role", "user").put("content", "x")), 404, "not-found");
    assertProblem(rampart.delete("/v1/conversations/" + id, GLOBEX_KEY), 404, "not-found");
    JsonArray globexList = rampart.get("/v1/conversations?limit=200", GLOBEX_KEY).bodyAsJsonObject().getJsonArray("items");
    assertFalse(globexList.stream().anyMatch(c -> id.equals(((JsonObject) c).getString("id"))));
    assertEquals(200, rampart.get("/v1/conversations/" + id, ACME_KEY).statusCode(), "still there for its owner");
  }

  @Test
  void malformedJsonIsRefusedAndChangesNothing() throws Exception {
    int before = rampart.get("/v1/conversations?limit=200", ACME_KEY).bodyAsJsonObject().getJsonArray("items").size();
    HttpResponse<Buffer> r = await(rampart.fromEventLoop(() -> rampart.http.post("/v1/conversations")
        .putHeader("Authorization", "Bearer " + ACME_KEY).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"title\": "))));
    assertProblem(r, 400, "malformed-json");
    assertEquals(before, rampart.get("/v1/conversations?limit=200", ACME_KEY).bodyAsJsonObject().getJsonArray("items").size());
  }

  @Test
  void schemaViolationsAndUnknownFieldsAreValidationFailures() throws Exception {
    String id = createConversation(ACME_KEY, "v").getString("id");
    HttpResponse<Buffer> badRole = rampart.post("/v1/conversations/" + id + "/messages", ACME_KEY,
        new JsonObject().put("role", "wizard").put("content", "x"));
    assertProblem(badRole, 400, "validation-failed");
    HttpResponse<Buffer> unknown = rampart.post("/v1/conversations", ACME_KEY,
        new JsonObject().put("title", "t").put("tenant", "globex"));
    assertProblem(unknown, 400, "validation-failed");
    HttpResponse<Buffer> missing = rampart.post("/v1/conversations/" + id + "/messages", ACME_KEY,
        new JsonObject().put("role", "user"));
    assertProblem(missing, 400, "validation-failed");
    assertProblem(rampart.get("/v1/conversations?limit=0", ACME_KEY), 400, "validation-failed");
    assertProblem(rampart.get("/v1/conversations?limit=abc", ACME_KEY), 400, "validation-failed");
    assertEquals(0, rampart.get("/v1/conversations/" + id, ACME_KEY).bodyAsJsonObject().getInteger("message-count"));
  }

  @Test
  void aTamperedCursorIsAClearError() throws Exception {
    assertProblem(rampart.get("/v1/conversations?cursor=bm90LWEtY3Vyc29y", ACME_KEY), 400, "invalid-cursor");
  }

  @Test
  void oversizeBodiesAreRefusedWith413() throws Exception {
    String id = createConversation(ACME_KEY, "big").getString("id");
    HttpResponse<Buffer> r = rampart.post("/v1/conversations/" + id + "/messages", ACME_KEY,
        new JsonObject().put("role", "user").put("content", "x".repeat(70_000)));
    assertProblem(r, 413, "payload-too-large");
    assertEquals(0, rampart.get("/v1/conversations/" + id, ACME_KEY).bodyAsJsonObject().getInteger("message-count"));
  }

  @Test
  void unknownRoutesAndMethodsAreProblems() throws Exception {
    assertProblem(rampart.get("/v1/nothing-here", ACME_KEY), 404, "route-not-found");
    assertProblem(await(rampart.fromEventLoop(() -> rampart.http.get("/nope").send())), 404, "route-not-found");
    assertProblem(await(rampart.fromEventLoop(() -> rampart.http.put("/v1/conversations")
        .putHeader("Authorization", "Bearer " + ACME_KEY)
        .sendJsonObject(new JsonObject()))), 405, "method-not-allowed");
  }

  @Test
  void theRequestIdIsEchoedOrMadeUp() throws Exception {
    HttpResponse<Buffer> given = await(rampart.fromEventLoop(() -> rampart.http.get("/health/live").putHeader("X-Request-Id", "abc-123").send()));
    assertEquals("abc-123", given.getHeader("X-Request-Id"));
    HttpResponse<Buffer> made = await(rampart.fromEventLoop(() -> rampart.http.get("/health/live").send()));
    assertTrue(made.getHeader("X-Request-Id").length() >= 16);
    HttpResponse<Buffer> hostile = await(rampart.fromEventLoop(() -> rampart.http.get("/health/live").putHeader("X-Request-Id", "bad id <script>").send()));
    assertFalse(hostile.getHeader("X-Request-Id").contains("<"));
  }

  @Test
  void healthMetricsAndDocsAreServed() throws Exception {
    assertEquals("UP", await(rampart.fromEventLoop(() -> rampart.http.get("/health/live").send())).bodyAsJsonObject().getString("status"));
    HttpResponse<Buffer> ready = await(rampart.fromEventLoop(() -> rampart.http.get("/health/ready").send()));
    assertEquals(200, ready.statusCode());
    ContractResponses.assertMatches("ready", 200, ready.bodyAsJsonObject());
    assertEquals("UP", ready.bodyAsJsonObject().getJsonObject("checks").getJsonObject("persistence:persistence").getString("status"));

    String id = createConversation(ACME_KEY, "m").getString("id");
    rampart.get("/v1/conversations/" + id + "/messages", ACME_KEY);
    String metrics = await(rampart.fromEventLoop(() -> rampart.http.get("/metrics").send())).bodyAsString();
    assertTrue(metrics.contains("/v1/conversations/:conversationId/messages"), "labelled by route template");
    assertFalse(metrics.contains(id), "never by raw path");
    assertTrue(metrics.contains("rampart_plugin_calls"), "plugin call metrics");

    String contract = await(rampart.fromEventLoop(() -> rampart.http.get("/openapi.yaml").send())).bodyAsString();
    assertTrue(contract.startsWith("openapi: 3.1.0"));
    HttpResponse<Buffer> docs = await(rampart.fromEventLoop(() -> rampart.http.get("/docs/").send()));
    assertEquals(200, docs.statusCode());
    assertTrue(docs.bodyAsString().contains("swagger-ui"));
    assertTrue(await(rampart.fromEventLoop(() -> rampart.http.get("/docs/swagger-initializer.js").send())).bodyAsString().contains("/openapi.yaml"));
  }
}
