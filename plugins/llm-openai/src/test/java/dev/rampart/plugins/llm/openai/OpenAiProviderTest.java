package dev.rampart.plugins.llm.openai;

import static dev.rampart.plugins.llm.support.Outcomes.await;
import static dev.rampart.plugins.llm.support.Outcomes.collect;
import static dev.rampart.plugins.llm.support.Outcomes.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.llm.ChatChunk;
import dev.rampart.contracts.llm.ChatMessage;
import dev.rampart.contracts.llm.ChatRequest;
import dev.rampart.contracts.llm.ChatResult;
import dev.rampart.contracts.llm.LlmProvider;
import dev.rampart.contracts.llm.ModelInfo;
import dev.rampart.contracts.llm.ToolCall;
import dev.rampart.contracts.llm.ToolDefinition;
import dev.rampart.contracts.llm.UpstreamException;
import dev.rampart.contracts.llm.Usage;
import dev.rampart.plugins.llm.support.FakeUpstream;
import dev.rampart.plugins.llm.support.HttpLlmProviderContract;
import dev.rampart.plugins.llm.support.Outcomes.Collected;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Chat Completions wire format; the shared HTTP scenarios come from {@link HttpLlmProviderContract}. */
class OpenAiProviderTest extends HttpLlmProviderContract {

  private static final ToolDefinition WEATHER = new ToolDefinition("get_weather", "weather in a city",
      new JsonObject().put("type", "object").put("properties", new JsonObject().put("city", new JsonObject().put("type", "string"))));

  private static final JsonObject ANSWER = new JsonObject()
      .put("id", "chatcmpl-1").put("object", "chat.completion").put("model", "gpt-test-2024")
      .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("finish_reason", "stop")
          .put("message", new JsonObject().put("role", "assistant").put("content", "Hello there"))))
      .put("usage", new JsonObject().put("prompt_tokens", 12).put("completion_tokens", 3).put("total_tokens", 15));

  @Override
  protected LlmProvider newProvider() {
    return new OpenAiProvider();
  }

  @Override
  protected String baseUrl(FakeUpstream fake) {
    return fake.baseUrl() + "/v1";
  }

  @Override
  protected String modelListingPath() {
    return "/v1/models";
  }

  @Override
  protected String presentedKey(FakeUpstream.Received request) {
    String authorization = request.headers().get("authorization");
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return "not a bearer token: " + authorization;
    }
    return authorization.substring("Bearer ".length());
  }

  @Override
  protected JsonObject completion() {
    return ANSWER;
  }

  @Override
  protected JsonObject error(UpstreamError kind) {
    JsonObject error = switch (kind) {
      case INVALID_REQUEST -> new JsonObject().put("type", "invalid_request_error").put("message", PROMPT_ECHO);
      case CONTEXT_TOO_LONG -> new JsonObject().put("message", "This model's maximum context length is 8192 tokens")
          .put("type", "invalid_request_error").put("code", "context_length_exceeded");
      case MODEL_NOT_FOUND -> new JsonObject().put("code", "model_not_found");
      case RATE_LIMITED -> new JsonObject().put("type", "requests").put("code", "rate_limit_exceeded");
      case KEY_REFUSED -> new JsonObject().put("type", "invalid_api_key");
      case SERVER_ERROR -> new JsonObject().put("type", "server_error").put("message", "The server had an error");
    };
    return new JsonObject().put("error", error);
  }

  @Override
  protected Buffer streamOpening() {
    return FakeUpstream.event(null, chunk(new JsonObject().put("role", "assistant").put("content", ""), null));
  }

  @Override
  protected Buffer textEvent(String text) {
    return FakeUpstream.event(null, textChunk(text));
  }

  @Override
  protected Buffer streamEnd() {
    return FakeUpstream.event(null, "[DONE]");
  }

  private static String chunk(JsonObject delta, String finish) {
    return new JsonObject().put("id", "c").put("object", "chat.completion.chunk")
        .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("delta", delta).put("finish_reason", finish))).encode();
  }

  private static String textChunk(String text) {
    return chunk(new JsonObject().put("content", text), null);
  }

  @Test
  void completeSendsTheChatCompletionsRequestAndParsesTheAnswer(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> FakeUpstream.json(raw, 200, ANSWER));
    LlmProvider p = provider(vertx, fake, new JsonObject().put("organization", "org-7").put("extra-headers", new JsonObject().put("x-team", "blue")));
    ToolCall earlier = new ToolCall("call_9", "get_weather", "{\"city\":\"Oslo\"}");
    ChatRequest request = new ChatRequest("gpt-test", List.of(
        ChatMessage.of("system", "be brief"),
        ChatMessage.of("user", "weather?"),
        new ChatMessage("assistant", "", List.of(earlier), Optional.empty()),
        new ChatMessage("tool", "sunny", List.of(), Optional.of("call_9"))),
        List.of(WEATHER),
        new JsonObject().put("max-tokens", 50).put("temperature", 0.2).put("stop", new JsonArray().add("END"))
            .put("response-format", new JsonObject().put("type", "json_object")).put("tool-choice", "auto"));

    ChatResult result = await(p.complete(request));

    FakeUpstream.Received sent = fake.received().get(0);
    assertEquals("/v1/chat/completions", sent.path());
    assertEquals("Bearer " + KEY, sent.headers().get("authorization"));
    assertEquals("org-7", sent.headers().get("openai-organization"));
    assertEquals("blue", sent.headers().get("x-team"));
    JsonObject body = sent.json();
    assertEquals("gpt-test", body.getString("model"));
    assertEquals(50, body.getInteger("max_tokens"));
    assertEquals(0.2, body.getDouble("temperature"));
    assertEquals(new JsonArray().add("END"), body.getJsonArray("stop"));
    assertEquals("json_object", body.getJsonObject("response_format").getString("type"));
    assertEquals("auto", body.getString("tool_choice"));
    assertFalse(body.containsKey("stream"));
    JsonArray messages = body.getJsonArray("messages");
    assertEquals(new JsonObject().put("role", "system").put("content", "be brief"), messages.getJsonObject(0));
    JsonObject assistant = messages.getJsonObject(2);
    assertTrue(assistant.containsKey("content"));
    assertNull(assistant.getValue("content"));
    assertEquals("call_9", assistant.getJsonArray("tool_calls").getJsonObject(0).getString("id"));
    assertEquals("{\"city\":\"Oslo\"}", assistant.getJsonArray("tool_calls").getJsonObject(0).getJsonObject("function").getString("arguments"));
    assertEquals("call_9", messages.getJsonObject(3).getString("tool_call_id"));
    JsonObject tool = body.getJsonArray("tools").getJsonObject(0);
    assertEquals("function", tool.getString("type"));
    assertEquals("get_weather", tool.getJsonObject("function").getString("name"));
    assertEquals(WEATHER.parameters(), tool.getJsonObject("function").getJsonObject("parameters"));

    assertEquals("gpt-test-2024", result.model());
    assertEquals("Hello there", result.message().content());
    assertEquals("stop", result.finishReason());
    assertEquals(new Usage(12, 3), result.usage());
  }

  @Test
  void completeParsesToolCallsFromTheAnswer(Vertx vertx) {
    JsonObject answer = ANSWER.copy();
    answer.getJsonArray("choices").getJsonObject(0).put("finish_reason", "tool_calls")
        .put("message", new JsonObject().put("role", "assistant").putNull("content").put("tool_calls", new JsonArray().add(
            new JsonObject().put("id", "call_1").put("type", "function")
                .put("function", new JsonObject().put("name", "get_weather").put("arguments", "{\"city\":\"Rome\"}")))));
    FakeUpstream fake = fake(vertx, (r, raw) -> FakeUpstream.json(raw, 200, answer));

    ChatResult result = await(provider(vertx, fake, new JsonObject()).complete(ask("weather in Rome")));

    assertEquals("tool_calls", result.finishReason());
    assertEquals(List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Rome\"}")), result.message().toolCalls());
    assertEquals("", result.message().content());
  }

  @Test
  void aStreamReassemblesTextAndToolCallFragmentsAndEndsWithFinishAndUsage(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> {
      HttpServerResponse resp = FakeUpstream.eventStream(raw);
      resp.write(FakeUpstream.event(null, chunk(new JsonObject().put("role", "assistant").put("content", ""), null)));
      resp.write(FakeUpstream.event(null, textChunk("Let me ")));
      resp.write(FakeUpstream.event(null, textChunk("check.")));
      resp.write(FakeUpstream.event(null, chunk(new JsonObject().put("tool_calls", new JsonArray().add(new JsonObject().put("index", 0)
          .put("id", "call_5").put("type", "function").put("function", new JsonObject().put("name", "get_weather").put("arguments", "")))), null)));
      // one event split across two writes, mid-line
      String split = "data: " + chunk(new JsonObject().put("tool_calls", new JsonArray().add(new JsonObject().put("index", 0)
          .put("function", new JsonObject().put("arguments", "{\"city\":")))), null) + "\n\n";
      resp.write(split.substring(0, 25));
      resp.write(split.substring(25));
      resp.write(FakeUpstream.event(null, chunk(new JsonObject().put("tool_calls", new JsonArray().add(new JsonObject().put("index", 0)
          .put("function", new JsonObject().put("arguments", "\"Paris\"}")))), null)));
      resp.write(FakeUpstream.event(null, chunk(new JsonObject(), "tool_calls")));
      resp.write(FakeUpstream.event(null, new JsonObject().put("choices", new JsonArray())
          .put("usage", new JsonObject().put("prompt_tokens", 20).put("completion_tokens", 9)).encode()));
      resp.end(FakeUpstream.event(null, "[DONE]"));
    });

    Collected got = await(collect(provider(vertx, fake, new JsonObject()).stream(ask("weather in Paris"))));

    assertTrue(got.failure().isEmpty(), () -> got.failure().get().toString());
    JsonObject body = fake.received().get(0).json();
    assertTrue(body.getBoolean("stream"));
    assertTrue(body.getJsonObject("stream_options").getBoolean("include_usage"));
    assertEquals("Let me check.", got.text());
    ChatChunk.ToolCallDelta first = got.chunks().stream().flatMap(c -> c.toolCalls().stream()).findFirst().orElseThrow();
    assertEquals(Optional.of("call_5"), first.id());
    assertEquals(Optional.of("get_weather"), first.name());
    assertEquals("Paris", new JsonObject(got.arguments(0)).getString("city"));
    assertEquals(Optional.of("tool_calls"), got.last().finishReason());
    assertEquals(Optional.of(new Usage(20, 9)), got.last().usage());
  }

  @Test
  void anErrorEventMidStreamEndsItWithTheMappedFailure(Vertx vertx) {
    // OpenAI sends {"error":{"type",...}} objects, Ollama a plain string; a rate limit mid-stream stays a rate limit
    List<Object> errors = List.of(new JsonObject().put("type", "server_error").put("message", "boom"), "model crashed",
        new JsonObject().put("code", "rate_limit_exceeded"));
    List<ErrorCode> expected = List.of(ErrorCode.UPSTREAM_FAILED, ErrorCode.UPSTREAM_FAILED, ErrorCode.RATE_LIMITED);
    for (int k = 0; k < errors.size(); k++) {
      Object error = errors.get(k);
      FakeUpstream fake = fake(vertx, (r, raw) -> {
        HttpServerResponse resp = FakeUpstream.eventStream(raw);
        resp.write(FakeUpstream.event(null, textChunk("partial")));
        resp.end(FakeUpstream.event(null, new JsonObject().put("error", error).encode()));
      });

      Collected got = await(collect(provider(vertx, fake, new JsonObject()).stream(ask("hi"))));

      assertEquals("partial", got.text());
      assertEquals(expected.get(k), got.upstreamFailure().code(), "for " + error);
      assertTrue(got.upstreamFailure().retryable());
    }
  }

  @Test
  void rateLimitResetHeadersAreReadWhenThereIsNoRetryAfter(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> raw.response().setStatusCode(429).putHeader("x-ratelimit-reset-requests", "1m30s").end());

    UpstreamException e = failureOf(provider(vertx, fake, new JsonObject()).complete(ask("hi")));

    assertEquals(Optional.of(Duration.ofSeconds(90)), e.retryAfter());
  }

  @Test
  void aListedModelHasTheContextWindowTheServerReports(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> FakeUpstream.json(raw, 200, new JsonObject().put("object", "list").put("data", new JsonArray()
        .add(new JsonObject().put("id", "llama-3-8b").put("max_model_len", 8000)))));

    List<ModelInfo> discovered = await(provider(vertx, fake, new JsonObject()).models());

    assertEquals(8000, discovered.get(0).contextWindow());
  }
}
