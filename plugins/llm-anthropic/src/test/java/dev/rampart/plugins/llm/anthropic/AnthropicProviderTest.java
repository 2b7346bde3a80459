package dev.rampart.plugins.llm.anthropic;

import static dev.rampart.plugins.llm.support.Outcomes.await;
import static dev.rampart.plugins.llm.support.Outcomes.collect;
import static dev.rampart.plugins.llm.support.Outcomes.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.Health;
import dev.rampart.contracts.llm.ChatChunk;
import dev.rampart.contracts.llm.ChatMessage;
import dev.rampart.contracts.llm.ChatRequest;
import dev.rampart.contracts.llm.ChatResult;
import dev.rampart.contracts.llm.ToolCall;
import dev.rampart.contracts.llm.ToolDefinition;
import dev.rampart.contracts.llm.UpstreamException;
import dev.rampart.contracts.llm.Usage;
import dev.rampart.plugins.llm.support.FakeUpstream;
import dev.rampart.plugins.llm.support.Outcomes.Collected;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class AnthropicProviderTest {

  @TempDir Path data;

  private static final ToolDefinition WEATHER = new ToolDefinition("get_weather", "weather in a city",
      new JsonObject().put("type", "object").put("properties", new JsonObject().put("city", new JsonObject().put("type", "string"))));

  private static final JsonObject ANSWER = new JsonObject()
      .put("id", "msg_1").put("type", "message").put("role", "assistant").put("model", "claude-test-20250101")
      .put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", "Hello there")))
      .put("stop_reason", "end_turn")
      .put("usage", new JsonObject().put("input_tokens", 12).put("output_tokens", 3));

  private AnthropicProvider provider(Vertx vertx, FakeUpstream fake, JsonObject extra) {
    JsonObject settings = new JsonObject()
        .put("base-url", fake.baseUrl())
        .put("api-keys", new JsonArray().add("ak-one"))
        .put("connect-timeout-ms", 300).put("first-token-timeout-ms", 300).put("total-timeout-ms", 5000)
        .mergeIn(extra);
    AnthropicProvider p = new AnthropicProvider();
    await(p.start(new ExtensionContext(vertx, "anthropic-test", data), settings));
    return p;
  }

  private static FakeUpstream fake(Vertx vertx, FakeUpstream.Responder responder) {
    return await(FakeUpstream.start(vertx, responder));
  }

  private static ChatRequest ask(String text) {
    return new ChatRequest("claude-test", List.of(ChatMessage.of("user", text)), List.of(), new JsonObject());
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
    AnthropicProvider p = provider(vertx, fake, new JsonObject().put("default-max-tokens", 333));
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
    assertEquals("ak-one", sent.headers().get("x-api-key"));
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
  void rateLimitWithRetryAfterSecondsIsRateLimitedWithThatWait(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> raw.response().setStatusCode(429).putHeader("retry-after", "11")
        .end(new JsonObject().put("type", "error").put("error", new JsonObject().put("type", "rate_limit_error")).encode()));

    UpstreamException e = failureOf(provider(vertx, fake, new JsonObject()).complete(ask("hi")));

    assertEquals(ErrorCode.RATE_LIMITED, e.code());
    assertEquals(Optional.of(Duration.ofSeconds(11)), e.retryAfter());
    assertTrue(e.retryable());
  }

  @Test
  void rateLimitWithAnHttpDateWaitsUntilThatDate(Vertx vertx) {
    String in40s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(40));
    FakeUpstream fake = fake(vertx, (r, raw) -> raw.response().setStatusCode(429).putHeader("retry-after", in40s).end());

    UpstreamException e = failureOf(provider(vertx, fake, new JsonObject()).complete(ask("hi")));

    long seconds = e.retryAfter().orElseThrow().toSeconds();
    assertTrue(seconds >= 35 && seconds <= 40, "wait " + seconds);
  }

  @Test
  void serverErrorsAndOverloadAreRetryableUpstreamFailures(Vertx vertx) {
    for (int status : List.of(500, 503, 529)) {
      FakeUpstream fake = fake(vertx, (r, raw) -> FakeUpstream.json(raw, status,
          new JsonObject().put("type", "error").put("error", new JsonObject().put("type", status == 529 ? "overloaded_error" : "api_error"))));
      UpstreamException e = failureOf(provider(vertx, fake, new JsonObject()).complete(ask("hi")));
      assertEquals(ErrorCode.UPSTREAM_FAILED, e.code());
      assertEquals(status, e.upstreamStatus());
      assertTrue(e.retryable());
    }
  }

  @Test
  void badRequestsMapToValidationContextOrModelErrorsThatAreNotRetried(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> {
      switch (r.json().getString("model")) {
        case "too-long" -> FakeUpstream.json(raw, 400, new JsonObject().put("type", "error").put("error", new JsonObject()
            .put("type", "invalid_request_error").put("message", "prompt is too long: 250000 tokens > 200000 maximum")));
        case "missing" -> FakeUpstream.json(raw, 404, new JsonObject().put("type", "error").put("error", new JsonObject().put("type", "not_found_error")));
        default -> FakeUpstream.json(raw, 400, new JsonObject().put("type", "error").put("error", new JsonObject().put("type", "invalid_request_error")));
      }
    });
    AnthropicProvider p = provider(vertx, fake, new JsonObject());

    UpstreamException invalid = failureOf(p.complete(ask("x")));
    UpstreamException tooLong = failureOf(p.complete(new ChatRequest("too-long", ask("x").messages(), List.of(), new JsonObject())));
    UpstreamException missing = failureOf(p.complete(new ChatRequest("missing", ask("x").messages(), List.of(), new JsonObject())));

    assertEquals(ErrorCode.VALIDATION_FAILED, invalid.code());
    assertFalse(invalid.retryable());
    assertEquals(ErrorCode.CONTEXT_TOO_LARGE, tooLong.code());
    assertEquals(ErrorCode.MODEL_NOT_FOUND, missing.code());
  }

  @Test
  void aMalformedBodyIsARetryableUpstreamFailure(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> raw.response().setStatusCode(200).end("<html>gateway</html>"));

    UpstreamException e = failureOf(provider(vertx, fake, new JsonObject()).complete(ask("hi")));

    assertEquals(ErrorCode.UPSTREAM_FAILED, e.code());
    assertTrue(e.retryable());
  }

  @Test
  void aStreamThatStallsAfterItsHeadersTimesOutAtTheFirstTokenLimit(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> FakeUpstream.eventStream(raw));

    Collected got = await(collect(provider(vertx, fake, new JsonObject()).stream(ask("hi"))));

    assertTrue(got.chunks().isEmpty());
    assertEquals(ErrorCode.UPSTREAM_TIMEOUT, got.upstreamFailure().code());
  }

  @Test
  void aFirstTokenSlowerThanTheLimitTimesOutEvenIfItArrivesLater(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> {
      HttpServerResponse resp = FakeUpstream.eventStream(raw);
      vertx.setTimer(1200, t -> resp.write(messageStart()).onComplete(x -> resp.end(event("message_stop", new JsonObject()))));
    });

    Collected got = await(collect(provider(vertx, fake, new JsonObject()).stream(ask("hi"))));

    assertTrue(got.chunks().isEmpty());
    assertEquals(ErrorCode.UPSTREAM_TIMEOUT, got.upstreamFailure().code());
  }

  @Test
  void aStreamThatOutlivesTheTotalLimitTimesOutAfterItsChunks(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> {
      HttpServerResponse resp = FakeUpstream.eventStream(raw);
      resp.write(messageStart());
      resp.write(textDelta(0, "slow "));
    });

    Collected got = await(collect(provider(vertx, fake, new JsonObject().put("total-timeout-ms", 400)).stream(ask("hi"))));

    assertEquals("slow ", got.text());
    assertEquals(ErrorCode.UPSTREAM_TIMEOUT, got.upstreamFailure().code());
    assertTrue(got.upstreamFailure().getMessage().contains("total"));
  }

  @Test
  void aStreamCutMidwayFailsAfterTheChunksAlreadyDelivered(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> {
      HttpServerResponse resp = FakeUpstream.eventStream(raw);
      resp.write(messageStart());
      resp.write(textDelta(0, "one "));
      resp.write(textDelta(0, "two ")).onComplete(x -> raw.connection().close());
    });

    Collected got = await(collect(provider(vertx, fake, new JsonObject()).stream(ask("hi"))));

    assertEquals("one two ", got.text());
    assertEquals(ErrorCode.UPSTREAM_FAILED, got.upstreamFailure().code());
  }

  @Test
  void keysAreUsedRoundRobinAcrossCalls(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> FakeUpstream.json(raw, 200, ANSWER));
    AnthropicProvider p = provider(vertx, fake, new JsonObject().put("api-keys", new JsonArray().add("k1").add("k2")));

    for (int i = 0; i < 4; i++) {
      await(p.complete(ask("hi")));
    }

    assertEquals(List.of("k1", "k2", "k1", "k2"), fake.received().stream().map(r -> r.headers().get("x-api-key")).toList());
  }

  @Test
  void aRefusedKeyIsBenchedAndTheNextKeyServesLaterCalls(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> {
      if ("revoked".equals(r.headers().get("x-api-key"))) {
        FakeUpstream.json(raw, 401, new JsonObject().put("type", "error").put("error", new JsonObject().put("type", "authentication_error")));
      } else {
        FakeUpstream.json(raw, 200, ANSWER);
      }
    });
    AnthropicProvider p = provider(vertx, fake, new JsonObject().put("api-keys", new JsonArray().add("revoked").add("good")));

    UpstreamException refused = failureOf(p.complete(ask("hi")));
    await(p.complete(ask("hi")));
    await(p.complete(ask("hi")));

    assertEquals(401, refused.upstreamStatus());
    assertEquals(List.of("revoked", "good", "good"), fake.received().stream().map(r -> r.headers().get("x-api-key")).toList());
    assertEquals(Health.Status.DEGRADED, await(p.health()).status());
  }

  @Test
  void repeatedRateLimitsBenchAKey(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> {
      if ("busy".equals(r.headers().get("x-api-key"))) {
        raw.response().setStatusCode(429).end();
      } else {
        FakeUpstream.json(raw, 200, ANSWER);
      }
    });
    AnthropicProvider p = provider(vertx, fake, new JsonObject().put("api-keys", new JsonArray().add("busy").add("calm")).put("rate-limits-before-bench", 2));

    for (int i = 0; i < 6; i++) {
      p.complete(ask("hi")).otherwiseEmpty().toCompletionStage().toCompletableFuture().join();
    }

    assertEquals(List.of("busy", "calm", "busy", "calm", "calm", "calm"), fake.received().stream().map(r -> r.headers().get("x-api-key")).toList());
  }

  @Test
  void aPausedStreamDeliversNothingUntilResumed(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> {
      HttpServerResponse resp = FakeUpstream.eventStream(raw);
      resp.write(messageStart());
      for (int i = 0; i < 10; i++) {
        resp.write(textDelta(0, "t" + i + " "));
      }
      resp.end(event("message_stop", new JsonObject()));
    });
    AnthropicProvider p = provider(vertx, fake, new JsonObject());
    List<ChatChunk> got = new ArrayList<>();
    Promise<Integer> whilePaused = Promise.promise();
    Promise<Void> ended = Promise.promise();
    vertx.runOnContext(v -> {
      ReadStream<ChatChunk> stream = p.stream(ask("hi"));
      stream.exceptionHandler(ended::fail);
      stream.endHandler(x -> ended.complete());
      stream.handler(c -> {
        got.add(c);
        if (got.size() == 1) {
          stream.pause();
          vertx.setTimer(200, t -> {
            whilePaused.complete(got.size());
            stream.resume();
          });
        }
      });
    });
    await(ended.future());

    assertEquals(1, await(whilePaused.future()));
    assertEquals(11, got.size());
    assertTrue(got.get(10).finishReason().isPresent());
  }
}
