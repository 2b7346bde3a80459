package dev.rampart.plugins.llm.openai;

import static dev.rampart.plugins.llm.support.Outcomes.await;
import static dev.rampart.plugins.llm.support.Outcomes.collect;
import static dev.rampart.plugins.llm.support.Outcomes.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.Health;
import dev.rampart.contracts.llm.ChatChunk;
import dev.rampart.contracts.llm.ChatMessage;
import dev.rampart.contracts.llm.ChatRequest;
import dev.rampart.contracts.llm.ChatStream;
import dev.rampart.contracts.llm.ChatResult;
import dev.rampart.contracts.llm.ToolCall;
import dev.rampart.contracts.llm.ToolDefinition;
import dev.rampart.contracts.llm.UpstreamException;
import dev.rampart.contracts.llm.Usage;
import dev.rampart.plugins.llm.support.FakeUpstream;
import dev.rampart.plugins.llm.support.Outcomes.Collected;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
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
class OpenAiProviderTest {

  @TempDir Path data;

  private static final ToolDefinition WEATHER = new ToolDefinition("get_weather", "weather in a city",
      new JsonObject().put("type", "object").put("properties", new JsonObject().put("city", new JsonObject().put("type", "string"))));

  private static final JsonObject ANSWER = new JsonObject()
      .put("id", "chatcmpl-1").put("object", "chat.completion").put("model", "gpt-test-2024")
      .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("finish_reason", "stop")
          .put("message", new JsonObject().put("role", "assistant").put("content", "Hello there"))))
      .put("usage", new JsonObject().put("prompt_tokens", 12).put("completion_tokens", 3).put("total_tokens", 15));

  private OpenAiProvider provider(Vertx vertx, FakeUpstream fake, JsonObject extra) {
    JsonObject settings = new JsonObject()
        .put("base-url", fake.baseUrl() + "/v1")
        .put("api-keys", new JsonArray().add("sk-one"))
        .put("connect-timeout-ms", 300).put("first-token-timeout-ms", 300).put("total-timeout-ms", 5000)
        .mergeIn(extra);
    OpenAiProvider p = new OpenAiProvider();
    await(p.start(new ExtensionContext(vertx, "openai-test", data), settings));
    return p;
  }

  private static FakeUpstream fake(Vertx vertx, FakeUpstream.Responder responder) {
    return await(FakeUpstream.start(vertx, responder));
  }

  private static ChatRequest ask(String text) {
    return new ChatRequest("gpt-test", List.of(ChatMessage.of("user", text)), List.of(), new JsonObject());
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
    OpenAiProvider p = provider(vertx, fake, new JsonObject().put("organization", "org-7").put("extra-headers", new JsonObject().put("x-team", "blue")));
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
    assertEquals("Bearer sk-one", sent.headers().get("authorization"));
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
  void rateLimitWithRetryAfterSecondsIsRateLimitedWithThatWait(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> raw.response().setStatusCode(429).putHeader("retry-after", "7")
        .end(new JsonObject().put("error", new JsonObject().put("type", "requests").put("code", "rate_limit_exceeded")).encode()));

    UpstreamException e = failureOf(provider(vertx, fake, new JsonObject()).complete(ask("hi")));

    assertEquals(ErrorCode.RATE_LIMITED, e.code());
    assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
    assertEquals(429, e.upstreamStatus());
    assertTrue(e.retryable());
  }

  @Test
  void rateLimitWithAnHttpDateWaitsUntilThatDate(Vertx vertx) {
    String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
    FakeUpstream fake = fake(vertx, (r, raw) -> raw.response().setStatusCode(429).putHeader("Retry-After", in30s).end());

    UpstreamException e = failureOf(provider(vertx, fake, new JsonObject()).complete(ask("hi")));

    assertEquals(ErrorCode.RATE_LIMITED, e.code());
    long seconds = e.retryAfter().orElseThrow().toSeconds();
    assertTrue(seconds >= 25 && seconds <= 30, "wait " + seconds);
  }

  @Test
  void rateLimitResetHeadersAreReadWhenThereIsNoRetryAfter(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> raw.response().setStatusCode(429).putHeader("x-ratelimit-reset-requests", "1m30s").end());

    UpstreamException e = failureOf(provider(vertx, fake, new JsonObject()).complete(ask("hi")));

    assertEquals(Optional.of(Duration.ofSeconds(90)), e.retryAfter());
  }

  @Test
  void serverErrorsAreRetryableUpstreamFailures(Vertx vertx) {
    List<Integer> statuses = List.of(500, 503);
    for (int status : statuses) {
      FakeUpstream fake = fake(vertx, (r, raw) -> raw.response().setStatusCode(status).end("oops"));
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
        case "too-long" -> FakeUpstream.json(raw, 400, new JsonObject().put("error", new JsonObject()
            .put("message", "This model's maximum context length is 8192 tokens").put("type", "invalid_request_error").put("code", "context_length_exceeded")));
        case "missing" -> FakeUpstream.json(raw, 404, new JsonObject().put("error", new JsonObject().put("code", "model_not_found")));
        default -> FakeUpstream.json(raw, 400, new JsonObject().put("error", new JsonObject().put("type", "invalid_request_error").put("message", "secret prompt echoed")));
      }
    });
    OpenAiProvider p = provider(vertx, fake, new JsonObject());

    UpstreamException invalid = failureOf(p.complete(ask("x")));
    UpstreamException tooLong = failureOf(p.complete(new ChatRequest("too-long", ask("x").messages(), List.of(), new JsonObject())));
    UpstreamException missing = failureOf(p.complete(new ChatRequest("missing", ask("x").messages(), List.of(), new JsonObject())));

    assertEquals(ErrorCode.VALIDATION_FAILED, invalid.code());
    assertFalse(invalid.retryable());
    assertFalse(invalid.getMessage().contains("secret prompt"), "upstream messages may quote the prompt");
    assertEquals(ErrorCode.CONTEXT_TOO_LARGE, tooLong.code());
    assertEquals(ErrorCode.MODEL_NOT_FOUND, missing.code());
  }

  @Test
  void aMalformedBodyIsARetryableUpstreamFailure(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> raw.response().setStatusCode(200).putHeader("content-type", "application/json").end("{\"choices\": [tru"));

    UpstreamException e = failureOf(provider(vertx, fake, new JsonObject()).complete(ask("hi")));

    assertEquals(ErrorCode.UPSTREAM_FAILED, e.code());
    assertTrue(e.retryable());
  }

  @Test
  void aCallWithNoAnswerTimesOutAtTheTotalLimit(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> { /* never answers */ });

    UpstreamException e = failureOf(provider(vertx, fake, new JsonObject().put("total-timeout-ms", 300)).complete(ask("hi")));

    assertEquals(ErrorCode.UPSTREAM_TIMEOUT, e.code());
    assertTrue(e.retryable());
  }

  @Test
  void aStreamThatStallsAfterItsHeadersTimesOutAtTheFirstTokenLimit(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> FakeUpstream.eventStream(raw));

    Collected got = await(collect(provider(vertx, fake, new JsonObject()).stream(ask("hi"))));

    assertTrue(got.chunks().isEmpty());
    assertEquals(ErrorCode.UPSTREAM_TIMEOUT, got.upstreamFailure().code());
    assertTrue(got.upstreamFailure().getMessage().contains("first-token"));
  }

  @Test
  void aFirstTokenSlowerThanTheLimitTimesOutEvenIfItArrivesLater(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> {
      HttpServerResponse resp = FakeUpstream.eventStream(raw);
      vertx.setTimer(1200, t -> resp.write(FakeUpstream.event(null, textChunk("late"))).onComplete(x -> resp.end(FakeUpstream.event(null, "[DONE]"))));
    });

    Collected got = await(collect(provider(vertx, fake, new JsonObject()).stream(ask("hi"))));

    assertTrue(got.chunks().isEmpty());
    assertEquals(ErrorCode.UPSTREAM_TIMEOUT, got.upstreamFailure().code());
  }

  @Test
  void aStreamCutMidwayFailsAfterTheChunksAlreadyDelivered(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> {
      HttpServerResponse resp = FakeUpstream.eventStream(raw);
      resp.write(FakeUpstream.event(null, textChunk("one ")));
      resp.write(FakeUpstream.event(null, textChunk("two "))).onComplete(x -> raw.connection().close());
    });

    Collected got = await(collect(provider(vertx, fake, new JsonObject()).stream(ask("hi"))));

    assertEquals("one two ", got.text());
    assertEquals(ErrorCode.UPSTREAM_FAILED, got.upstreamFailure().code());
    assertTrue(got.upstreamFailure().retryable());
  }

  @Test
  void aStreamThatEndsWithoutDoneIsAFailureNotASilentEnd(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> FakeUpstream.eventStream(raw).end(FakeUpstream.event(null, textChunk("partial"))));

    Collected got = await(collect(provider(vertx, fake, new JsonObject()).stream(ask("hi"))));

    assertEquals("partial", got.text());
    assertEquals(ErrorCode.UPSTREAM_FAILED, got.upstreamFailure().code());
  }

  @Test
  void aRefusedStreamFailsWithTheMappedError(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> raw.response().setStatusCode(429).putHeader("retry-after", "2").end());

    Collected got = await(collect(provider(vertx, fake, new JsonObject()).stream(ask("hi"))));

    assertEquals(ErrorCode.RATE_LIMITED, got.upstreamFailure().code());
    assertEquals(Optional.of(Duration.ofSeconds(2)), got.upstreamFailure().retryAfter());
  }

  @Test
  void keysAreUsedRoundRobinAcrossCalls(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> FakeUpstream.json(raw, 200, ANSWER));
    OpenAiProvider p = provider(vertx, fake, new JsonObject().put("api-keys", new JsonArray().add("k1").add("k2").add("k3")));

    for (int i = 0; i < 4; i++) {
      await(p.complete(ask("hi")));
    }

    assertEquals(List.of("Bearer k1", "Bearer k2", "Bearer k3", "Bearer k1"),
        fake.received().stream().map(r -> r.headers().get("authorization")).toList());
  }

  @Test
  void aRefusedKeyIsBenchedAndTheNextKeyServesLaterCalls(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> {
      if ("Bearer revoked".equals(r.headers().get("authorization"))) {
        FakeUpstream.json(raw, 401, new JsonObject().put("error", new JsonObject().put("type", "invalid_api_key")));
      } else {
        FakeUpstream.json(raw, 200, ANSWER);
      }
    });
    OpenAiProvider p = provider(vertx, fake, new JsonObject().put("api-keys", new JsonArray().add("revoked").add("good")));

    UpstreamException refused = failureOf(p.complete(ask("hi")));
    for (int i = 0; i < 3; i++) {
      await(p.complete(ask("hi")));
    }

    assertEquals(ErrorCode.UPSTREAM_FAILED, refused.code());
    assertEquals(401, refused.upstreamStatus());
    assertTrue(refused.retryable());
    assertFalse(refused.getMessage().contains("revoked"));
    assertEquals(List.of("Bearer revoked", "Bearer good", "Bearer good", "Bearer good"),
        fake.received().stream().map(r -> r.headers().get("authorization")).toList());
    assertEquals(Health.Status.DEGRADED, await(p.health()).status());
  }

  @Test
  void aPausedStreamDeliversNothingUntilResumed(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> {
      HttpServerResponse resp = FakeUpstream.eventStream(raw);
      for (int i = 0; i < 10; i++) {
        resp.write(FakeUpstream.event(null, textChunk("t" + i + " ")));
      }
      resp.end(FakeUpstream.event(null, "[DONE]"));
    });
    OpenAiProvider p = provider(vertx, fake, new JsonObject());
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
          // the server has sent everything by now; none of it may reach a paused consumer
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
    assertEquals("t0 t1 t2 t3 t4 t5 t6 t7 t8 t9 ", String.join("", got.stream().map(ChatChunk::delta).toList()));
  }

  @Test
  void aCancelledStreamClosesItsUpstreamConnectionAndCallsNoHandlerAgain(Vertx vertx) {
    Promise<Void> upstreamClosed = Promise.promise();
    FakeUpstream fake = fake(vertx, (r, raw) -> {
      HttpServerResponse resp = FakeUpstream.eventStream(raw);
      // an upstream that would go on generating for a long time
      long ticker = vertx.setPeriodic(10, t -> resp.write(FakeUpstream.event(null, textChunk("more "))));
      resp.closeHandler(v -> {
        vertx.cancelTimer(ticker);
        upstreamClosed.tryComplete();
      });
      resp.write(FakeUpstream.event(null, textChunk("first ")));
    });
    // the provider's own time limit is far beyond the test's wait: only the cancel can close the connection
    OpenAiProvider p = provider(vertx, fake, new JsonObject().put("total-timeout-ms", 120_000));
    List<Object> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    vertx.runOnContext(v -> {
      ChatStream stream = p.stream(ask("hi"));
      stream.exceptionHandler(seen::add);
      stream.endHandler(x -> seen.add("end"));
      stream.handler(c -> {
        seen.add(c.delta());
        stream.cancel();
        stream.cancel(); // idempotent
      });
    });
    await(upstreamClosed.future());

    assertEquals(List.of("first "), seen, "one chunk, then nothing: no more chunks, no end, no failure");
  }

  @Test
  void modelsAreTheConfiguredOnesOrElseAskedFromTheUpstream(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> FakeUpstream.json(raw, 200, new JsonObject().put("object", "list").put("data", new JsonArray()
        .add(new JsonObject().put("id", "llama-3-8b").put("max_model_len", 8000))
        .add(new JsonObject().put("id", "qwen")))));

    var configured = await(provider(vertx, fake, new JsonObject().put("models", new JsonArray().add(new JsonObject()
        .put("id", "gpt-test").put("context-window", 128000).put("input-price-per-million", 2.5).put("output-price-per-million", 10)))).models());
    var discovered = await(provider(vertx, fake, new JsonObject()).models());

    assertEquals(1, configured.size());
    assertEquals(2.5, configured.get(0).inputPricePerMillion());
    assertEquals(List.of("llama-3-8b", "qwen"), discovered.stream().map(m -> m.id()).toList());
    assertEquals(8000, discovered.get(0).contextWindow());
    assertEquals("/v1/models", fake.received().get(0).path());
  }
}
