package dev.rampart.plugins.llm.anthropic;

import static dev.rampart.plugins.llm.support.Outcomes.await;
import static dev.rampart.plugins.llm.support.Outcomes.collect;
import static dev.rampart.plugins.llm.support.Outcomes.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.llm.ChatChunk;
import dev.rampart.contracts.llm.ChatMessage;
import dev.rampart.contracts.llm.ChatRequest;
import dev.rampart.contracts.llm.ChatResult;
import dev.rampart.contracts.llm.LlmProvider;
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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Messages wire format; the shared HTTP scenarios come from {@link HttpLlmProviderContract}. */
class AnthropicProviderTest extends HttpLlmProviderContract {

  private static final ToolDefinition WEATHER = new ToolDefinition("get_weather", "weather in a city",
      new JsonObject().put("type", "object").put("properties", new JsonObject().put("city", new JsonObject().put("type", "string"))));

  private static final JsonObject ANSWER = new JsonObject()
      .put("id", "msg_1").put("type", "message").put("role", "assistant").put("model", "claude-test-20250101")
      .put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", "Hello there")))
      .put("stop_reason", "end_turn")
      .put("usage", new JsonObject().put("input_tokens", 12).put("output_tokens", 3));

  @Override
  protected LlmProvider newProvider() {
    return new AnthropicProvider();
  }

  @Override
  protected String baseUrl(FakeUpstream fake) {
    return fake.baseUrl();
  }

  @Override
  protected String modelListingPath() {
    return "/v1/models";
  }

  @Override
  protected String presentedKey(FakeUpstream.Received request) {
    return request.headers().get("x-api-key");
  }

  @Override
  protected JsonObject completion() {
    return ANSWER;
  }

  @Override
  protected JsonObject error(UpstreamError kind) {
    JsonObject error = switch (kind) {
      case INVALID_REQUEST -> new JsonObject().put("type", "invalid_request_error").put("message", PROMPT_ECHO);
      case CONTEXT_TOO_LONG -> new JsonObject().put("type", "invalid_request_error").put("message", "prompt is too long: 250000 tokens > 200000 maximum");
      case MODEL_NOT_FOUND -> new JsonObject().put("type", "not_found_error");
      case RATE_LIMITED -> new JsonObject().put("type", "rate_limit_error");
      case KEY_REFUSED -> new JsonObject().put("type", "authentication_error");
      case SERVER_ERROR -> new JsonObject().put("type", "api_error");
    };
    return new JsonObject().put("type", "error").put("error", error);
  }

  @Override
  protected Buffer streamOpening() {
    return messageStart();
  }

  @Override
  protected Buffer textEvent(String text) {
    return textDelta(0, text);
  }

  @Override
  protected Buffer streamEnd() {
    return event("message_stop", new JsonObject());
  }

  private static Buffer event(String type, JsonObject body) {
    return FakeUpstream.event(type, body.put("type", type).encode());
  }

  private static Buffer textDelta(int index, String text) {
    return event("content_block_delta", new JsonObject().put("index", index).put("delta", new JsonObject().put("type", "text_delta").put("text", text)));
  }

  private static Buffer messageStart() {
    return event("message_start", new JsonObject().put("message", new JsonObject().put("id", "msg_1").put("model", "claude-test")
        .put("usage", new JsonObject().put("input_tokens", 25).put("output_tokens", 1))));
  }

  @Test
  void completeSendsTheMessagesRequestAndParsesTheAnswer(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> FakeUpstream.json(raw, 200, ANSWER));
    LlmProvider p = provider(vertx, fake, new JsonObject().put("default-max-tokens", 333));
    ToolCall earlier = new ToolCall("toolu_9", "get_weather", "{\"city\":\"Oslo\"}");
    ChatRequest request = new ChatRequest("claude-test", List.of(
        ChatMessage.of("system", "be brief"),
        ChatMessage.of("system", "be kind"),
        ChatMessage.of("user", "weather?"),
        new ChatMessage("assistant", "Checking.", List.of(earlier), Optional.empty()),
        new ChatMessage("tool", "sunny", List.of(), Optional.of("toolu_9")),
        ChatMessage.of("user", "and tomorrow?")),
        List.of(WEATHER),
        new JsonObject().put("temperature", 0.5).put("stop", new JsonArray().add("END")).put("tool-choice", "required"));

    ChatResult result = await(p.complete(request));

    FakeUpstream.Received sent = fake.received().get(0);
    assertEquals("/v1/messages", sent.path());
    assertEquals(KEY, sent.headers().get("x-api-key"));
    assertEquals("2023-06-01", sent.headers().get("anthropic-version"));
    JsonObject body = sent.json();
    assertEquals("claude-test", body.getString("model"));
    assertEquals(333, body.getInteger("max_tokens"));
    assertEquals("be brief\n\nbe kind", body.getString("system"));
    assertEquals(new JsonArray().add("END"), body.getJsonArray("stop_sequences"));
    assertEquals(new JsonObject().put("type", "any"), body.getJsonObject("tool_choice"));
    JsonArray messages = body.getJsonArray("messages");
    assertEquals(3, messages.size(), "the tool result and the next user turn merge into one user turn");
    JsonArray assistant = messages.getJsonObject(1).getJsonArray("content");
    assertEquals("Checking.", assistant.getJsonObject(0).getString("text"));
    assertEquals(new JsonObject().put("type", "tool_use").put("id", "toolu_9").put("name", "get_weather")
        .put("input", new JsonObject().put("city", "Oslo")), assistant.getJsonObject(1));
    JsonArray user = messages.getJsonObject(2).getJsonArray("content");
    assertEquals("user", messages.getJsonObject(2).getString("role"));
    assertEquals(new JsonObject().put("type", "tool_result").put("tool_use_id", "toolu_9").put("content", "sunny"), user.getJsonObject(0));
    assertEquals("and tomorrow?", user.getJsonObject(1).getString("text"));
    JsonObject tool = body.getJsonArray("tools").getJsonObject(0);
    assertEquals("get_weather", tool.getString("name"));
    assertEquals(WEATHER.parameters(), tool.getJsonObject("input_schema"));

    assertEquals("claude-test-20250101", result.model());
    assertEquals("Hello there", result.message().content());
    assertEquals("stop", result.finishReason());
    assertEquals(new Usage(12, 3), result.usage());
  }

  @Test
  void completeParsesToolUseBlocksAndMapsTheStopReason(Vertx vertx) {
    JsonObject answer = ANSWER.copy().put("stop_reason", "tool_use").put("content", new JsonArray()
        .add(new JsonObject().put("type", "text").put("text", "Let me look."))
        .add(new JsonObject().put("type", "tool_use").put("id", "toolu_1").put("name", "get_weather").put("input", new JsonObject().put("city", "Rome"))));
    FakeUpstream fake = fake(vertx, (r, raw) -> FakeUpstream.json(raw, 200, answer));

    ChatResult result = await(provider(vertx, fake, new JsonObject()).complete(ask("weather in Rome")));

    assertEquals("tool_calls", result.finishReason());
    assertEquals("Let me look.", result.message().content());
    assertEquals(List.of(new ToolCall("toolu_1", "get_weather", "{\"city\":\"Rome\"}")), result.message().toolCalls());
  }

  @Test
  void maxTokensStopIsLength(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> FakeUpstream.json(raw, 200, ANSWER.copy().put("stop_reason", "max_tokens")));

    assertEquals("length", await(provider(vertx, fake, new JsonObject()).complete(ask("hi"))).finishReason());
  }

  @Test
  void aStreamReassemblesTextAndToolInputFragmentsAndEndsWithFinishAndUsage(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> {
      HttpServerResponse resp = FakeUpstream.eventStream(raw);
      resp.write(messageStart());
      resp.write(event("content_block_start", new JsonObject().put("index", 0).put("content_block", new JsonObject().put("type", "text").put("text", ""))));
      resp.write(event("ping", new JsonObject()));
      resp.write(textDelta(0, "Let me "));
      resp.write(textDelta(0, "check."));
      resp.write(event("content_block_stop", new JsonObject().put("index", 0)));
      resp.write(event("content_block_start", new JsonObject().put("index", 1).put("content_block", new JsonObject()
          .put("type", "tool_use").put("id", "toolu_5").put("name", "get_weather").put("input", new JsonObject()))));
      Buffer split = event("content_block_delta", new JsonObject().put("index", 1)
          .put("delta", new JsonObject().put("type", "input_json_delta").put("partial_json", "{\"city\": ")));
      resp.write(split.getBuffer(0, 30));
      resp.write(split.getBuffer(30, split.length()));
      resp.write(event("content_block_delta", new JsonObject().put("index", 1)
          .put("delta", new JsonObject().put("type", "input_json_delta").put("partial_json", "\"Paris\"}"))));
      resp.write(event("content_block_stop", new JsonObject().put("index", 1)));
      resp.write(event("message_delta", new JsonObject().put("delta", new JsonObject().put("stop_reason", "tool_use"))
          .put("usage", new JsonObject().put("output_tokens", 17))));
      resp.end(event("message_stop", new JsonObject()));
    });

    Collected got = await(collect(provider(vertx, fake, new JsonObject()).stream(ask("weather in Paris"))));

    assertTrue(got.failure().isEmpty(), () -> got.failure().get().toString());
    assertTrue(fake.received().get(0).json().getBoolean("stream"));
    assertEquals("Let me check.", got.text());
    ChatChunk.ToolCallDelta first = got.chunks().stream().flatMap(c -> c.toolCalls().stream()).findFirst().orElseThrow();
    assertEquals(0, first.index(), "tool calls are numbered among tool calls, not content blocks");
    assertEquals(Optional.of("toolu_5"), first.id());
    assertEquals(Optional.of("get_weather"), first.name());
    assertEquals("Paris", new JsonObject(got.arguments(0)).getString("city"));
    assertEquals(Optional.of("tool_calls"), got.last().finishReason());
    assertEquals(Optional.of(new Usage(25, 17)), got.last().usage());
  }

  @Test
  void anErrorEventEndsTheStreamWithTheMappedFailure(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> {
      HttpServerResponse resp = FakeUpstream.eventStream(raw);
      resp.write(messageStart());
      resp.write(textDelta(0, "partial"));
      resp.end(event("error", new JsonObject().put("error", new JsonObject().put("type", "overloaded_error").put("message", "Overloaded"))));
    });

    Collected got = await(collect(provider(vertx, fake, new JsonObject()).stream(ask("hi"))));

    assertEquals("partial", got.text());
    assertEquals(ErrorCode.UPSTREAM_FAILED, got.upstreamFailure().code());
    assertTrue(got.upstreamFailure().retryable());
  }

  @Test
  void rateLimitResetHeadersAreReadWhenThereIsNoRetryAfter(Vertx vertx) {
    // Anthropic says when the limit resets (RFC 3339), not how long to wait
    String reset = Instant.now().plusSeconds(90).toString();
    FakeUpstream fake = fake(vertx, (r, raw) -> raw.response().setStatusCode(429)
        .putHeader("anthropic-ratelimit-requests-reset", reset).end());

    UpstreamException e = failureOf(provider(vertx, fake, new JsonObject()).complete(ask("hi")));

    assertEquals(ErrorCode.RATE_LIMITED, e.code());
    Duration wait = e.retryAfter().orElseThrow();
    assertTrue(wait.compareTo(Duration.ofSeconds(80)) > 0 && wait.compareTo(Duration.ofSeconds(90)) <= 0, wait::toString);
  }

  @Test
  void overloadIsARetryableUpstreamFailure(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> FakeUpstream.json(raw, 529,
        new JsonObject().put("type", "error").put("error", new JsonObject().put("type", "overloaded_error"))));

    UpstreamException e = failureOf(provider(vertx, fake, new JsonObject()).complete(ask("hi")));

    assertEquals(ErrorCode.UPSTREAM_FAILED, e.code());
    assertEquals(529, e.upstreamStatus());
    assertTrue(e.retryable());
  }
}
