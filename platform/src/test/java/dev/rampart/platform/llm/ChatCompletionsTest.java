package dev.rampart.platform.llm;

import static dev.rampart.platform.kernel.TestKernel.ACME_KEY;
import static dev.rampart.platform.kernel.TestKernel.GLOBEX_KEY;
import static dev.rampart.platform.llm.GatewayFixture.completion;
import static dev.rampart.platform.llm.GatewayFixture.events;
import static dev.rampart.platform.llm.GatewayFixture.key;
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
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /v1/chat/completions and GET /v1/models speak the OpenAI wire format exactly. */
class ChatCompletionsTest {

  @TempDir static Path dir;
  @AutoClose static TestKernel rampart;

  @BeforeAll
  static void boot() throws Exception {
    rampart = GatewayFixture.start(dir);
  }

  private static HttpResponse<Buffer> chat(String key, JsonObject body) throws Exception {
    return rampart.post("/v1/chat/completions", key, body);
  }

  static void assertProblem(HttpResponse<Buffer> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertEquals("application/problem+json", r.getHeader("Content-Type"));
    JsonObject problem = r.bodyAsJsonObject();
    assertEquals(code, problem.getString("code"), problem.encode());
    JsonObject error = problem.getJsonObject("error");
    assertEquals(code.replace('-', '_'), error.getString("code"));
    assertNotNull(error.getString("message"));
    assertNotNull(error.getString("type"));
  }

  @Test
  void aPlainCompletionHasTheOpenAiShapeAndAServerTimingHeader() throws Exception {
    HttpResponse<Buffer> r = chat(ACME_KEY, completion("fast", "Say hello").put("temperature", 0.2)
        .put("n", 1).put("seed", 7).put("max_completion_tokens", 50));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("application/json", r.getHeader("Content-Type"));
    assertTrue(r.getHeader("Server-Timing").matches("gateway;dur=\\d+\\.\\d, provider;dur=\\d+\\.\\d"), r.getHeader("Server-Timing"));
    JsonObject body = r.bodyAsJsonObject();
    assertEquals(Set.of("id", "object", "created", "model", "choices", "usage"), body.fieldNames());
    assertTrue(body.getString("id").startsWith("chatcmpl-"));
    assertEquals("chat.completion", body.getString("object"));
    assertTrue(body.getLong("created") > 1_700_000_000L);
    assertEquals("alpha-small", body.getString("model"));
    JsonObject choice = body.getJsonArray("choices").getJsonObject(0);
    assertEquals(0, choice.getInteger("index"));
    assertEquals("stop", choice.getString("finish_reason"));
    assertEquals(new JsonObject().put("role", "assistant").put("content", "Hello from alpha"), choice.getJsonObject("message"));
    JsonObject usage = body.getJsonObject("usage");
    assertEquals(Set.of("prompt_tokens", "completion_tokens", "total_tokens"), usage.fieldNames());
    assertEquals(usage.getLong("prompt_tokens") + usage.getLong("completion_tokens"), usage.getLong("total_tokens"));
  }

  @Test
  void aStreamedCompletionIsServerSentEventsWithAUsageChunkAndDone() throws Exception {
    HttpResponse<Buffer> r = chat(ACME_KEY, completion("fast", "Say hello").put("stream", true)
        .put("stream_options", new JsonObject().put("include_usage", true)));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("text/event-stream", r.getHeader("Content-Type"));
    assertNotNull(r.getHeader("Server-Timing"));
    List<String> data = events(r.bodyAsString());
    assertEquals("[DONE]", data.get(data.size() - 1));
    StringBuilder text = new StringBuilder();
    String id = null;
    for (int i = 0; i < data.size() - 2; i++) {
      JsonObject chunk = new JsonObject(data.get(i));
      assertEquals(Set.of("id", "object", "created", "model", "choices"), chunk.fieldNames());
      assertEquals("chat.completion.chunk", chunk.getString("object"));
      assertEquals("alpha-small", chunk.getString("model"));
      id = id == null ? chunk.getString("id") : id;
      assertEquals(id, chunk.getString("id"), "one id for every chunk");
      JsonObject choice = chunk.getJsonArray("choices").getJsonObject(0);
      assertEquals(0, choice.getInteger("index"));
      JsonObject delta = choice.getJsonObject("delta");
      if (i == 0) {
        assertEquals("assistant", delta.getString("role"));
      }
      if (i < data.size() - 3) {
        assertNull(choice.getValue("finish_reason"));
        assertTrue(choice.containsKey("finish_reason"), "finish_reason is present, null, until the last chunk");
        text.append(delta.getString("content", ""));
      } else {
        assertEquals("stop", choice.getString("finish_reason"));
        assertEquals(new JsonObject(), delta);
      }
    }
    assertEquals("Hello from alpha", text.toString());
    JsonObject usage = new JsonObject(data.get(data.size() - 2));
    assertEquals(new JsonArray(), usage.getJsonArray("choices"));
    assertEquals(id, usage.getString("id"));
    assertEquals(Set.of("prompt_tokens", "completion_tokens", "total_tokens"), usage.getJsonObject("usage").fieldNames());
  }

  @Test
  void toolCallsComeBackInTheOpenAiShapePlainAndStreamed() throws Exception {
    JsonObject request = completion("tooly", "Weather in Paris?").put("tools", new JsonArray().add(new JsonObject()
        .put("type", "function").put("function", new JsonObject().put("name", "get_weather")
            .put("parameters", new JsonObject().put("type", "object")))));
    request.getJsonArray("messages")
        .add(new JsonObject().put("role", "assistant").put("content", (String) null).put("tool_calls", new JsonArray()
            .add(new JsonObject().put("id", "call_0").put("type", "function")
                .put("function", new JsonObject().put("name", "get_weather").put("arguments", "{}")))))
        .add(new JsonObject().put("role", "tool").put("tool_call_id", "call_0").put("content", "sunny"))
        .add(new JsonObject().put("role", "user").put("content", new JsonArray()
            .add(new JsonObject().put("type", "text").put("text", "And tomorrow?"))));

    HttpResponse<Buffer> plain = chat(ACME_KEY, request);
    assertEquals(200, plain.statusCode(), plain.bodyAsString());
    JsonObject choice = plain.bodyAsJsonObject().getJsonArray("choices").getJsonObject(0);
    assertEquals("tool_calls", choice.getString("finish_reason"));
    JsonObject message = choice.getJsonObject("message");
    assertNull(message.getValue("content"));
    assertTrue(message.containsKey("content"));
    assertEquals(new JsonArray().add(new JsonObject().put("id", "call_1").put("type", "function")
        .put("function", new JsonObject().put("name", "get_weather").put("arguments", "{\"city\":\"Paris\"}"))),
        message.getJsonArray("tool_calls"));

    HttpResponse<Buffer> streamed = chat(ACME_KEY, request.copy().put("stream", true));
    List<String> data = events(streamed.bodyAsString());
    assertEquals("[DONE]", data.get(data.size() - 1));
    JsonObject first = new JsonObject(data.get(0)).getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
    assertEquals("assistant", first.getString("role"));
    JsonObject call = first.getJsonArray("tool_calls").getJsonObject(0);
    assertEquals(0, call.getInteger("index"));
    assertEquals("call_1", call.getString("id"));
    assertEquals("function", call.getString("type"));
    assertEquals("get_weather", call.getJsonObject("function").getString("name"));
    StringBuilder arguments = new StringBuilder();
    for (String d : data.subList(0, data.size() - 1)) {
      JsonObject delta = new JsonObject(d).getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
      if (delta.containsKey("tool_calls")) {
        arguments.append(delta.getJsonArray("tool_calls").getJsonObject(0).getJsonObject("function").getString("arguments"));
      }
    }
    assertEquals("{\"city\":\"Paris\"}", arguments.toString());
    JsonObject last = new JsonObject(data.get(data.size() - 2)).getJsonArray("choices").getJsonObject(0);
    assertEquals("tool_calls", last.getString("finish_reason"));
  }

  @Test
  void theModelListHasTheAliasesAndTheProvidersModels() throws Exception {
    HttpResponse<Buffer> r = rampart.get("/v1/models", ACME_KEY);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject list = r.bodyAsJsonObject();
    assertEquals("list", list.getString("object"));
    JsonArray data = list.getJsonArray("data");
    JsonObject fast = data.stream().map(JsonObject.class::cast).filter(m -> m.getString("id").equals("fast")).findFirst().orElseThrow();
    assertEquals(Set.of("id", "object", "created", "owned_by"), fast.fieldNames());
    assertEquals("model", fast.getString("object"));
    assertEquals("rampart", fast.getString("owned_by"));
    JsonObject small = data.stream().map(JsonObject.class::cast).filter(m -> m.getString("id").equals("alpha-small")).findFirst().orElseThrow();
    assertEquals("alpha", small.getString("owned_by"));
    assertTrue(rampart.get("/v1/models", GLOBEX_KEY).bodyAsJsonObject().getJsonArray("data").isEmpty());
  }

  @Test
  void anUnknownModelOrAliasIsModelNotFound() throws Exception {
    assertProblem(chat(ACME_KEY, completion("gpt-17-ultra", "hi")), 404, "model-not-found");
  }

  @Test
  void aRequestLargerThanTheChosenModelsContextIsRefused() throws Exception {
    HttpResponse<Buffer> r = chat(ACME_KEY, completion("tiny", "x".repeat(400)));
    assertProblem(r, 400, "context-too-large");
    assertTrue(r.bodyAsJsonObject().getString("detail").contains("alpha-tiny"), r.bodyAsString());
  }

  @Test
  void aTenantWithNoProviderAllowedGetsNoProvider() throws Exception {
    assertProblem(chat(GLOBEX_KEY, completion("fast", "hi")), 403, "no-provider");
  }

  @Test
  void aBadRequestIsAProblemWithAnOpenAiErrorMember() throws Exception {
    HttpResponse<Buffer> r = chat(ACME_KEY, new JsonObject().put("model", "fast").put("messages", new JsonArray()));
    assertProblem(r, 400, "validation-failed");
    assertEquals("invalid_request_error", r.bodyAsJsonObject().getJsonObject("error").getString("type"));
  }

  @Test
  void overTheTokensPerMinuteLimitIs429WithWhatRemains() throws Exception {
    HttpResponse<Buffer> r = chat(key("initech"), completion("fast", "hi").put("max_tokens", 1000));
    assertProblem(r, 429, "rate-limited");
    JsonObject problem = r.bodyAsJsonObject();
    assertEquals("tokens-per-minute", problem.getString("limit"));
    assertEquals(300, problem.getJsonObject("remaining").getLong("tokens-per-minute"));
    assertEquals("rate_limit_error", problem.getJsonObject("error").getString("type"));
  }

  @Test
  void overTheDailyBudgetIs402WithTheRemainingBudget() throws Exception {
    HttpResponse<Buffer> r = chat(key("umbrella"), completion("chatty", "hi"));
    assertProblem(r, 402, "budget-exceeded");
    JsonObject problem = r.bodyAsJsonObject();
    assertEquals("daily-budget-usd", problem.getString("limit"));
    assertEquals(0.001, problem.getJsonObject("remaining").getDouble("daily-usd"), 1e-9);
    assertEquals("insufficient_quota", problem.getJsonObject("error").getString("type"));
  }

  @Test
  void aBudgetExhaustedMidStreamEndsWithAnErrorEventAndNoDone() throws Exception {
    HttpResponse<Buffer> r = chat(key("hooli"), completion("chatty", "talk").put("max_tokens", 10).put("stream", true));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    List<String> data = events(r.bodyAsString());
    assertFalse(data.contains("[DONE]"), "a stream cut by the budget never claims to be complete");
    JsonObject error = new JsonObject(data.get(data.size() - 1)).getJsonObject("error");
    assertEquals("budget_exceeded", error.getString("code"));
    assertTrue(data.size() > 2, "some of the answer was streamed before the budget ran out");

    HttpResponse<Buffer> after = chat(key("hooli"), completion("chatty", "more").put("max_tokens", 10));
    assertProblem(after, 402, "budget-exceeded");
  }

  @Test
  void parallelStreamsShareTheRemainingBudgetInsteadOfEachSpendingIt() throws Exception {
    // 0.8 USD a day; one answer costs about 0.5 (2000 characters at 0.001 USD a token), two do not fit.
    // The provider waits before its first chunk, so both calls hold their reservation before either streams.
    JsonObject ask = completion("wordy", "talk").put("max_tokens", 10).put("stream", true);
    var first = rampart.fromEventLoop(
        () -> rampart.http.post("/v1/chat/completions").putHeader("Authorization", "Bearer " + key("duo")).sendJsonObject(ask));
    var second = rampart.fromEventLoop(
        () -> rampart.http.post("/v1/chat/completions").putHeader("Authorization", "Bearer " + key("duo")).sendJsonObject(ask));
    int completed = 0;
    int cut = 0;
    for (HttpResponse<Buffer> r : List.of(TestKernel.await(first), TestKernel.await(second))) {
      assertEquals(200, r.statusCode(), r.bodyAsString());
      List<String> data = events(r.bodyAsString());
      if (data.contains("[DONE]")) {
        completed++;
      } else {
        assertEquals("budget_exceeded", new JsonObject(data.get(data.size() - 1)).getJsonObject("error").getString("code"));
        cut++;
      }
    }
    assertTrue(completed <= 1, completed + " answers completed: both spent the whole remainder");
    assertEquals(2, completed + cut);
    // each cut answer overran by at most the chunk that crossed the budget: 10 characters, 3 tokens, 0.003 USD;
    // a stream's cost is settled when its flow ends, which may come after the response: the usage
    // ledger records both answers right after settling them
    TestKernel.await(rampart.eventually(10_000, () -> rampart.http.get("/v1/usage").putHeader("Authorization", "Bearer " + key("duo"))
        .send().map(r -> r.bodyAsJsonObject().getJsonObject("totals").getLong("requests") == 2)));
    double left = rampart.get("/v1/usage", key("duo")).bodyAsJsonObject().getJsonObject("remaining").getDouble("daily-usd");
    assertTrue(left >= -2 * 0.003, "the budget was overrun by " + (-left) + " USD");
  }
}
