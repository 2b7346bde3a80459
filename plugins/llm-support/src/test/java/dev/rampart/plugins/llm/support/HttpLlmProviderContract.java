package dev.rampart.plugins.llm.support;

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
import dev.rampart.contracts.llm.ChatStream;
import dev.rampart.contracts.llm.LlmProvider;
import dev.rampart.contracts.llm.ModelInfo;
import dev.rampart.contracts.llm.UpstreamException;
import dev.rampart.plugins.llm.support.Outcomes.Collected;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every provider built on {@link HttpLlmProvider} must do against a real HTTP upstream
 * ({@link FakeUpstream}), whatever its wire format: map statuses and {@code Retry-After} to
 * {@link UpstreamException}s, keep its time limits, stream with back-pressure and cancellation,
 * fail a stream that breaks rather than end it silently, rotate and bench API keys, and list
 * models. A provider's test extends this class, says how its upstream writes an answer, an error
 * and a stream, and adds the tests of its own wire format.
 *
 * <p>Providers start with {@link #KEY} as their only key and time limits of 300 ms to connect and
 * to the first streamed event, 5 s in all; a test changes them through {@code extra} settings.
 */
@ExtendWith(VertxExtension.class)
public abstract class HttpLlmProviderContract {

  /** The API key a provider starts with unless a test configures others. */
  protected static final String KEY = "key-one";

  /** What the upstream's message says in {@link UpstreamError#INVALID_REQUEST}: it quotes the prompt. */
  protected static final String PROMPT_ECHO = "secret prompt echoed";

  /** The errors an upstream answers with, each written in the provider's wire format by {@link #error}. */
  protected enum UpstreamError {
    /** A 400 whose message is {@link #PROMPT_ECHO}. */
    INVALID_REQUEST,
    /** A 400 saying the prompt exceeds the model's context. */
    CONTEXT_TOO_LONG,
    /** A 404 for an unknown model. */
    MODEL_NOT_FOUND,
    /** A 429. */
    RATE_LIMITED,
    /** A 401 for a key the upstream refuses. */
    KEY_REFUSED,
    /** A 500 or 503. */
    SERVER_ERROR
  }

  @TempDir private Path data;

  /** A provider of the type under test, not started. */
  protected abstract LlmProvider newProvider();

  /** The {@code base-url} setting under which the provider calls {@code fake}. */
  protected abstract String baseUrl(FakeUpstream fake);

  /** Where, as the fake sees it, the provider asks the upstream for its models. */
  protected abstract String modelListingPath();

  /** The API key a request presented, read from the provider's credential header. */
  protected abstract String presentedKey(FakeUpstream.Received request);

  /** A complete, non-streamed answer. */
  protected abstract JsonObject completion();

  /** The body of an error answer. */
  protected abstract JsonObject error(UpstreamError kind);

  /** The events that open a stream before any text; they make no chunk. */
  protected abstract Buffer streamOpening();

  /** One event carrying {@code text} as the answer's next piece. */
  protected abstract Buffer textEvent(String text);

  /** The events that end a stream completely; the provider then sends its last chunk, with the finish reason. */
  protected abstract Buffer streamEnd();

  /** A started provider calling {@code fake}, with the settings described above plus {@code extra}. */
  protected LlmProvider provider(Vertx vertx, FakeUpstream fake, JsonObject extra) {
    JsonObject settings = new JsonObject()
        .put("base-url", baseUrl(fake))
        .put("api-keys", new JsonArray().add(KEY))
        .put("connect-timeout-ms", 300).put("first-token-timeout-ms", 300).put("total-timeout-ms", 5000)
        .mergeIn(extra);
    LlmProvider p = newProvider();
    await(p.start(new ExtensionContext(vertx, "contract-test", data), settings));
    return p;
  }

  protected static FakeUpstream fake(Vertx vertx, FakeUpstream.Responder responder) {
    return await(FakeUpstream.start(vertx, responder));
  }

  protected static ChatRequest ask(String text) {
    return new ChatRequest("test-model", List.of(ChatMessage.of("user", text)), List.of(), new JsonObject());
  }

  @Test
  void rateLimitWithRetryAfterSecondsIsRateLimitedWithThatWait(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> raw.response().setStatusCode(429).putHeader("retry-after", "7")
        .end(error(UpstreamError.RATE_LIMITED).encode()));

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
  void serverErrorsAreRetryableUpstreamFailures(Vertx vertx) {
    // the upstream's own error body, and a proxy's page that is not JSON at all
    List<String> bodies = List.of(error(UpstreamError.SERVER_ERROR).encode(), "oops");
    for (int status : List.of(500, 503)) {
      for (String body : bodies) {
        FakeUpstream fake = fake(vertx, (r, raw) -> raw.response().setStatusCode(status).end(body));
        UpstreamException e = failureOf(provider(vertx, fake, new JsonObject()).complete(ask("hi")));
        assertEquals(ErrorCode.UPSTREAM_FAILED, e.code(), body);
        assertEquals(status, e.upstreamStatus(), body);
        assertTrue(e.retryable(), body);
      }
    }
  }

  @Test
  void badRequestsMapToValidationContextOrModelErrorsThatAreNotRetried(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> {
      switch (r.json().getString("model")) {
        case "too-long" -> FakeUpstream.json(raw, 400, error(UpstreamError.CONTEXT_TOO_LONG));
        case "missing" -> FakeUpstream.json(raw, 404, error(UpstreamError.MODEL_NOT_FOUND));
        default -> FakeUpstream.json(raw, 400, error(UpstreamError.INVALID_REQUEST));
      }
    });
    LlmProvider p = provider(vertx, fake, new JsonObject());

    UpstreamException invalid = failureOf(p.complete(ask("x")));
    UpstreamException tooLong = failureOf(p.complete(new ChatRequest("too-long", ask("x").messages(), List.of(), new JsonObject())));
    UpstreamException missing = failureOf(p.complete(new ChatRequest("missing", ask("x").messages(), List.of(), new JsonObject())));

    assertEquals(ErrorCode.VALIDATION_FAILED, invalid.code());
    assertFalse(invalid.retryable());
    assertFalse(invalid.getMessage().contains(PROMPT_ECHO), "upstream messages may quote the prompt");
    assertEquals(ErrorCode.CONTEXT_TOO_LARGE, tooLong.code());
    assertEquals(ErrorCode.MODEL_NOT_FOUND, missing.code());
  }

  @Test
  void aMalformedBodyIsARetryableUpstreamFailure(Vertx vertx) {
    FakeUpstream truncatedJson = fake(vertx, (r, raw) -> raw.response().setStatusCode(200)
        .putHeader("content-type", "application/json").end("{\"choices\": [tru"));
    FakeUpstream gatewayPage = fake(vertx, (r, raw) -> raw.response().setStatusCode(200).end("<html>gateway</html>"));

    for (FakeUpstream fake : List.of(truncatedJson, gatewayPage)) {
      UpstreamException e = failureOf(provider(vertx, fake, new JsonObject()).complete(ask("hi")));
      assertEquals(ErrorCode.UPSTREAM_FAILED, e.code());
      assertTrue(e.retryable());
    }
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
      vertx.setTimer(1200, t -> {
        resp.write(streamOpening());
        resp.write(textEvent("late")).onComplete(x -> resp.end(streamEnd()));
      });
    });

    Collected got = await(collect(provider(vertx, fake, new JsonObject()).stream(ask("hi"))));

    assertTrue(got.chunks().isEmpty());
    assertEquals(ErrorCode.UPSTREAM_TIMEOUT, got.upstreamFailure().code());
  }

  @Test
  void aStreamThatOutlivesTheTotalLimitTimesOutAfterItsChunks(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> {
      HttpServerResponse resp = FakeUpstream.eventStream(raw);
      resp.write(streamOpening());
      resp.write(textEvent("slow "));
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
      resp.write(streamOpening());
      resp.write(textEvent("one "));
      resp.write(textEvent("two ")).onComplete(x -> raw.connection().close());
    });

    Collected got = await(collect(provider(vertx, fake, new JsonObject()).stream(ask("hi"))));

    assertEquals("one two ", got.text());
    assertEquals(ErrorCode.UPSTREAM_FAILED, got.upstreamFailure().code());
    assertTrue(got.upstreamFailure().retryable());
  }

  @Test
  void aStreamThatEndsWithoutItsEndEventIsAFailureNotASilentEnd(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> {
      HttpServerResponse resp = FakeUpstream.eventStream(raw);
      resp.write(streamOpening());
      resp.end(textEvent("partial"));
    });

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
    FakeUpstream fake = fake(vertx, (r, raw) -> FakeUpstream.json(raw, 200, completion()));
    LlmProvider p = provider(vertx, fake, new JsonObject().put("api-keys", new JsonArray().add("k1").add("k2").add("k3")));

    for (int i = 0; i < 4; i++) {
      await(p.complete(ask("hi")));
    }

    assertEquals(List.of("k1", "k2", "k3", "k1"), fake.received().stream().map(this::presentedKey).toList());
  }

  @Test
  void aRefusedKeyIsBenchedAndTheNextKeyServesLaterCalls(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> {
      if ("revoked".equals(presentedKey(r))) {
        FakeUpstream.json(raw, 401, error(UpstreamError.KEY_REFUSED));
      } else {
        FakeUpstream.json(raw, 200, completion());
      }
    });
    LlmProvider p = provider(vertx, fake, new JsonObject().put("api-keys", new JsonArray().add("revoked").add("good")));

    UpstreamException refused = failureOf(p.complete(ask("hi")));
    for (int i = 0; i < 3; i++) {
      await(p.complete(ask("hi")));
    }

    assertEquals(ErrorCode.UPSTREAM_FAILED, refused.code());
    assertEquals(401, refused.upstreamStatus());
    assertTrue(refused.retryable());
    assertFalse(refused.getMessage().contains("revoked"));
    assertEquals(List.of("revoked", "good", "good", "good"), fake.received().stream().map(this::presentedKey).toList());
    assertEquals(Health.Status.DEGRADED, await(p.health()).status());
  }

  @Test
  void repeatedRateLimitsBenchAKey(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> {
      if ("busy".equals(presentedKey(r))) {
        raw.response().setStatusCode(429).end();
      } else {
        FakeUpstream.json(raw, 200, completion());
      }
    });
    LlmProvider p = provider(vertx, fake, new JsonObject().put("api-keys", new JsonArray().add("busy").add("calm")).put("rate-limits-before-bench", 2));

    for (int i = 0; i < 6; i++) {
      p.complete(ask("hi")).otherwiseEmpty().toCompletionStage().toCompletableFuture().join();
    }

    assertEquals(List.of("busy", "calm", "busy", "calm", "calm", "calm"), fake.received().stream().map(this::presentedKey).toList());
  }

  @Test
  void aPausedStreamDeliversNothingUntilResumed(Vertx vertx) {
    FakeUpstream fake = fake(vertx, (r, raw) -> {
      HttpServerResponse resp = FakeUpstream.eventStream(raw);
      resp.write(streamOpening());
      for (int i = 0; i < 10; i++) {
        resp.write(textEvent("t" + i + " "));
      }
      resp.end(streamEnd());
    });
    LlmProvider p = provider(vertx, fake, new JsonObject());
    List<ChatChunk> got = new ArrayList<>();
    Promise<Integer> whilePaused = Promise.promise();
    Promise<Void> ended = Promise.promise();
    vertx.runOnContext(v -> {
      ChatStream stream = p.stream(ask("hi"));
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
    assertTrue(got.get(10).finishReason().isPresent());
  }

  @Test
  void aCancelledStreamClosesItsUpstreamConnectionAndCallsNoHandlerAgain(Vertx vertx) {
    Promise<Void> upstreamClosed = Promise.promise();
    FakeUpstream fake = fake(vertx, (r, raw) -> {
      HttpServerResponse resp = FakeUpstream.eventStream(raw);
      // an upstream that would go on generating for a long time
      long ticker = vertx.setPeriodic(10, t -> resp.write(textEvent("more ")));
      resp.closeHandler(v -> {
        vertx.cancelTimer(ticker);
        upstreamClosed.tryComplete();
      });
      resp.write(streamOpening());
      resp.write(textEvent("first "));
    });
    // the provider's own time limit is far beyond the test's wait: only the cancel can close the connection
    LlmProvider p = provider(vertx, fake, new JsonObject().put("total-timeout-ms", 120_000));
    List<Object> seen = new CopyOnWriteArrayList<>();
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
    FakeUpstream fake = fake(vertx, (r, raw) -> FakeUpstream.json(raw, 200, new JsonObject().put("data", new JsonArray()
        .add(new JsonObject().put("id", "llama-3-8b"))
        .add(new JsonObject().put("id", "qwen")))));

    List<ModelInfo> configured = await(provider(vertx, fake, new JsonObject().put("models", new JsonArray().add(new JsonObject()
        .put("id", "test-model").put("context-window", 128000).put("input-price-per-million", 2.5).put("output-price-per-million", 10)))).models());
    List<ModelInfo> discovered = await(provider(vertx, fake, new JsonObject()).models());

    assertEquals(1, configured.size());
    assertEquals(2.5, configured.get(0).inputPricePerMillion());
    assertEquals(List.of("llama-3-8b", "qwen"), discovered.stream().map(ModelInfo::id).toList());
    assertEquals(1, fake.received().size(), "configured models need no call");
    assertEquals(modelListingPath(), fake.received().get(0).path());
  }
}
