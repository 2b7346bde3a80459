package dev.rampart.plugins.llm.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.llm.ChatChunk;
import dev.rampart.contracts.llm.ChatMessage;
import dev.rampart.contracts.llm.ChatRequest;
import dev.rampart.contracts.llm.ChatResult;
import dev.rampart.contracts.llm.ToolCall;
import dev.rampart.contracts.llm.ToolDefinition;
import dev.rampart.contracts.llm.UpstreamException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class OfflineProviderTest {

  @TempDir Path data;

  private static final ToolDefinition WEATHER = new ToolDefinition("get_weather", "current weather in a city",
      new JsonObject().put("type", "object")
          .put("properties", new JsonObject()
              .put("city", new JsonObject().put("type", "string"))
              .put("days", new JsonObject().put("type", "integer"))
              .put("unit", new JsonObject().put("type", "string").put("enum", new JsonArray().add("celsius").add("fahrenheit"))))
          .put("required", new JsonArray().add("city").add("days").add("unit")));

  private OfflineProvider started(Vertx vertx, JsonObject settings) {
    OfflineProvider p = new OfflineProvider();
    await(p.start(new ExtensionContext(vertx, "offline-test", data), settings));
    return p;
  }

  private static ChatRequest ask(String text) {
    return new ChatRequest("offline-small", List.of(ChatMessage.of("system", "be brief"), ChatMessage.of("user", text)), List.of(), new JsonObject());
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static UpstreamException failureOf(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return assertInstanceOf(UpstreamException.class, e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("expected a failure");
  }

  /** Everything a stream delivered: chunks, then how it ended. */
  record Collected(List<ChatChunk> chunks, Optional<Throwable> failure) {
    String text() {
      StringBuilder b = new StringBuilder();
      chunks.forEach(c -> b.append(c.delta()));
      return b.toString();
    }

    ChatChunk last() {
      return chunks.get(chunks.size() - 1);
    }
  }

  static Future<Collected> collect(ReadStream<ChatChunk> stream) {
    Promise<Collected> done = Promise.promise();
    List<ChatChunk> chunks = new ArrayList<>();
    stream.exceptionHandler(e -> done.tryComplete(new Collected(chunks, Optional.of(e))));
    stream.endHandler(v -> done.tryComplete(new Collected(chunks, Optional.empty())));
    stream.handler(chunks::add);
    return done.future();
  }

  @Test
  void theSameRequestGetsTheSameAnswerFromAnyInstanceWithTheSameSeed(Vertx vertx) {
    ChatRequest request = ask("Please summarise the quarterly report on river pollution for the board");
    ChatResult first = await(started(vertx, new JsonObject()).complete(request));
    ChatResult second = await(started(vertx, new JsonObject()).complete(request));

    assertEquals(first, second);
    assertTrue(first.message().content().contains("Please summarise the quarterly report"), first.message().content());
    assertEquals("stop", first.finishReason());
    assertEquals("assistant", first.message().role());
  }

  @Test
  void differentRequestsGetDifferentAnswers(Vertx vertx) {
    OfflineProvider p = started(vertx, new JsonObject());
    assertNotEquals(await(p.complete(ask("alpha beta"))).message().content(), await(p.complete(ask("gamma delta"))).message().content());
  }

  @Test
  void usageCountsWordsByFourCharactersAndPunctuationAsOne(Vertx vertx) {
    assertEquals(6, TokenEstimate.of("Hello, world!")); // Hel|lo , wor|ld !
    assertEquals(3, TokenEstimate.of("  20245 abc  ")); // 2024|5 abc; whitespace is free
    assertEquals(String.join("", TokenEstimate.segments(" a, b!  ")), " a, b!  ");
  }

  @Test
  void usageOfAnAnswerMatchesTheEstimatorForPromptAndCompletion(Vertx vertx) {
    ChatRequest request = ask("How many tokens is this?");
    ChatResult result = await(started(vertx, new JsonObject()).complete(request));

    long prompt = 2 + (4 + TokenEstimate.of("be brief")) + (4 + TokenEstimate.of("How many tokens is this?"));
    assertEquals(prompt, result.usage().promptTokens());
    assertEquals(TokenEstimate.of(result.message().content()), result.usage().completionTokens());
  }

  @Test
  void namingAToolGivesACallWhoseArgumentsFillTheRequiredFields(Vertx vertx) {
    ChatRequest request = new ChatRequest("offline-small", List.of(ChatMessage.of("user", "Use get_weather for city: Lisbon over 3 days")),
        List.of(WEATHER), new JsonObject());
    ChatResult result = await(started(vertx, new JsonObject()).complete(request));

    assertEquals("tool_calls", result.finishReason());
    ToolCall call = result.message().toolCalls().get(0);
    assertEquals("get_weather", call.name());
    JsonObject args = new JsonObject(call.arguments());
    assertEquals("Lisbon", args.getString("city"));
    assertEquals(3L, args.getLong("days"));
    assertEquals("celsius", args.getString("unit"));
    assertTrue(call.id().startsWith("call_"));
  }

  @Test
  void toolChoiceRequiredForcesACallAndNoneForbidsIt(Vertx vertx) {
    OfflineProvider p = started(vertx, new JsonObject());
    List<ChatMessage> messages = List.of(ChatMessage.of("user", "what should I wear?"));

    ChatResult auto = await(p.complete(new ChatRequest("offline-small", messages, List.of(WEATHER), new JsonObject())));
    ChatResult required = await(p.complete(new ChatRequest("offline-small", messages, List.of(WEATHER), new JsonObject().put("tool-choice", "required"))));
    ChatResult none = await(p.complete(new ChatRequest("offline-small",
        List.of(ChatMessage.of("user", "call get_weather")), List.of(WEATHER), new JsonObject().put("tool-choice", "none"))));

    assertTrue(auto.message().toolCalls().isEmpty());
    assertEquals("get_weather", required.message().toolCalls().get(0).name());
    assertTrue(none.message().toolCalls().isEmpty());
  }

  @Test
  void aToolResultIsAnsweredWithTextNotAnotherCall(Vertx vertx) {
    ToolCall call = new ToolCall("call_1", "get_weather", "{\"city\":\"Lisbon\"}");
    ChatRequest request = new ChatRequest("offline-small", List.of(
        ChatMessage.of("user", "use get_weather"),
        new ChatMessage("assistant", "", List.of(call), Optional.empty()),
        new ChatMessage("tool", "sunny, 24 degrees", List.of(), Optional.of("call_1"))), List.of(WEATHER), new JsonObject());
    ChatResult result = await(started(vertx, new JsonObject()).complete(request));

    assertEquals("stop", result.finishReason());
    assertTrue(result.message().content().contains("sunny, 24 degrees"));
  }

  @Test
  void jsonObjectModeAnswersAJsonObject(Vertx vertx) {
    ChatRequest request = new ChatRequest("offline-small", List.of(ChatMessage.of("user", "give me json")), List.of(),
        new JsonObject().put("response-format", new JsonObject().put("type", "json_object")));
    ChatResult result = await(started(vertx, new JsonObject()).complete(request));

    assertTrue(new JsonObject(result.message().content()).getString("answer").contains("give me json"));
  }

  @Test
  void jsonSchemaModeFillsEveryRequiredPropertyWithItsType(Vertx vertx) {
    JsonObject schema = new JsonObject().put("type", "object")
        .put("properties", new JsonObject()
            .put("title", new JsonObject().put("type", "string"))
            .put("score", new JsonObject().put("type", "number"))
            .put("tags", new JsonObject().put("type", "array").put("items", new JsonObject().put("type", "string")).put("minItems", 1))
            .put("done", new JsonObject().put("type", "boolean"))
            .put("meta", new JsonObject().put("type", "object").put("properties", new JsonObject().put("n", new JsonObject().put("type", "integer")))
                .put("required", new JsonArray().add("n"))))
        .put("required", new JsonArray().add("title").add("score").add("tags").add("done").add("meta"));
    ChatRequest request = new ChatRequest("offline-small", List.of(ChatMessage.of("user", "rate this, title: Dune")), List.of(),
        new JsonObject().put("response-format", new JsonObject().put("type", "json_schema")
            .put("json_schema", new JsonObject().put("name", "rating").put("schema", schema))));
    JsonObject answer = new JsonObject(await(started(vertx, new JsonObject()).complete(request)).message().content());

    assertEquals("Dune", answer.getString("title"));
    assertInstanceOf(Number.class, answer.getValue("score"));
    assertEquals(1, answer.getJsonArray("tags").size());
    assertInstanceOf(String.class, answer.getJsonArray("tags").getValue(0));
    assertInstanceOf(Boolean.class, answer.getValue("done"));
    assertInstanceOf(Number.class, answer.getJsonObject("meta").getValue("n"));
  }

  @Test
  void maxTokensCutsTheAnswerWithFinishReasonLength(Vertx vertx) {
    ChatRequest request = new ChatRequest("offline-small", List.of(ChatMessage.of("user", "a long question about many things")), List.of(),
        new JsonObject().put("max-tokens", 3));
    ChatResult result = await(started(vertx, new JsonObject()).complete(request));

    assertEquals("length", result.finishReason());
    assertTrue(result.usage().completionTokens() <= 3);
  }

  @Test
  void failureInjectionFailsTheSameCallsForTheSameSeed(Vertx vertx) {
    JsonObject settings = new JsonObject().put("failure-rate", 0.5).put("seed", 42);
    OfflineProvider a = started(vertx, settings);
    OfflineProvider b = started(vertx, settings);
    List<Boolean> failedA = new ArrayList<>();
    List<Boolean> failedB = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      failedA.add(await(a.complete(ask("q" + i)).map(r -> false).recover(e -> Future.succeededFuture(true))));
      failedB.add(await(b.complete(ask("other question " + i)).map(r -> false).recover(e -> Future.succeededFuture(true))));
    }

    assertEquals(failedA, failedB);
    assertTrue(failedA.contains(true) && failedA.contains(false), failedA.toString());
    UpstreamException e = failureOf(started(vertx, new JsonObject().put("failure-rate", 1.0)).complete(ask("x")));
    assertEquals(ErrorCode.UPSTREAM_FAILED, e.code());
    assertTrue(e.retryable());
  }

  @Test
  void unknownModelAndOversizedPromptAreRefused(Vertx vertx) {
    OfflineProvider p = started(vertx, new JsonObject().put("models", new JsonArray().add(new JsonObject().put("id", "tiny").put("context-window", 10))));
    UpstreamException unknown = failureOf(p.complete(ask("hi")));
    UpstreamException tooLarge = failureOf(p.complete(new ChatRequest("tiny", List.of(ChatMessage.of("user", "one two three four five six seven")), List.of(), new JsonObject())));

    assertEquals(ErrorCode.MODEL_NOT_FOUND, unknown.code());
    assertEquals(ErrorCode.CONTEXT_TOO_LARGE, tooLarge.code());
    assertFalse(tooLarge.retryable());
    assertEquals(List.of("tiny"), await(p.models()).stream().map(m -> m.id()).toList());
  }

  @Test
  void aStreamReassemblesToTheCompleteAnswerAndItsLastChunkCarriesFinishAndUsage(Vertx vertx) {
    OfflineProvider p = started(vertx, new JsonObject());
    ChatRequest request = ask("stream me an answer please");
    ChatResult whole = await(p.complete(request));
    Collected streamed = await(collect(p.stream(request)));

    assertTrue(streamed.failure().isEmpty());
    assertTrue(streamed.chunks().size() > 5);
    assertEquals(whole.message().content(), streamed.text());
    assertEquals(Optional.of("stop"), streamed.last().finishReason());
    assertEquals(Optional.of(whole.usage()), streamed.last().usage());
    streamed.chunks().subList(0, streamed.chunks().size() - 1).forEach(c -> assertTrue(c.finishReason().isEmpty() && c.usage().isEmpty()));
  }

  @Test
  void aStreamedToolCallArrivesInFragmentsThatJoinToValidArguments(Vertx vertx) {
    ChatRequest request = new ChatRequest("offline-small", List.of(ChatMessage.of("user", "get_weather city=Oslo for 2 days")),
        List.of(WEATHER), new JsonObject());
    Collected streamed = await(collect(started(vertx, new JsonObject()).stream(request)));

    ChatChunk.ToolCallDelta first = streamed.chunks().get(0).toolCalls().get(0);
    assertEquals(Optional.of("get_weather"), first.name());
    assertTrue(first.id().isPresent());
    StringBuilder args = new StringBuilder();
    streamed.chunks().forEach(c -> c.toolCalls().forEach(d -> args.append(d.arguments())));
    assertEquals("Oslo", new JsonObject(args.toString()).getString("city"));
    assertTrue(streamed.chunks().size() > 2);
    assertEquals(Optional.of("tool_calls"), streamed.last().finishReason());
  }

  @Test
  void pacedStreamsYieldTheEventLoopBetweenChunks(Vertx vertx) {
    OfflineProvider p = started(vertx, new JsonObject().put("tokens-per-second", 5000).put("latency-ms", 5));
    AtomicBoolean otherWorkRan = new AtomicBoolean();
    List<Boolean> seenBeforeEachChunk = new ArrayList<>();
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(v -> {
      ReadStream<ChatChunk> stream = p.stream(ask("one two three four five six seven eight"));
      stream.endHandler(x -> done.complete());
      stream.exceptionHandler(done::fail);
      stream.handler(c -> {
        seenBeforeEachChunk.add(otherWorkRan.get());
        if (seenBeforeEachChunk.size() == 1) {
          vertx.runOnContext(x -> otherWorkRan.set(true)); // queued behind this chunk on the same loop
        }
      });
    });
    await(done.future());

    assertFalse(seenBeforeEachChunk.get(0));
    assertTrue(seenBeforeEachChunk.get(seenBeforeEachChunk.size() - 1), "chunks were pushed in one go, not on timers");
  }

  @Test
  void aPausedStreamDeliversNothingUntilFetchedOrResumed(Vertx vertx) {
    OfflineProvider p = started(vertx, new JsonObject());
    List<ChatChunk> got = new ArrayList<>();
    Promise<Integer> whilePaused = Promise.promise();
    Promise<Integer> afterFetch = Promise.promise();
    Promise<Void> ended = Promise.promise();
    vertx.runOnContext(v -> {
      ReadStream<ChatChunk> stream = p.stream(ask("one two three four five six seven eight nine ten"));
      stream.endHandler(x -> ended.complete());
      stream.handler(c -> {
        got.add(c);
        if (got.size() == 1) {
          stream.pause();
          vertx.setTimer(50, t -> {
            whilePaused.complete(got.size());
            stream.fetch(1);
            vertx.setTimer(20, t2 -> {
              afterFetch.complete(got.size());
              stream.resume();
            });
          });
        }
      });
    });
    await(ended.future());

    assertEquals(1, await(whilePaused.future()));
    assertEquals(2, await(afterFetch.future()));
    assertTrue(got.size() > 5);
    assertTrue(got.get(got.size() - 1).finishReason().isPresent());
  }

  @Test
  void failAfterChunksCutsTheStreamWithAnErrorAfterThatManyChunks(Vertx vertx) {
    Collected streamed = await(collect(started(vertx, new JsonObject().put("fail-after-chunks", 3)).stream(ask("a b c d e f g h"))));

    assertEquals(3, streamed.chunks().size());
    UpstreamException e = assertInstanceOf(UpstreamException.class, streamed.failure().orElseThrow());
    assertEquals(ErrorCode.UPSTREAM_FAILED, e.code());
  }

  @Test
  void anInjectedFailureFailsTheStreamBeforeAnyChunk(Vertx vertx) {
    Collected streamed = await(collect(started(vertx, new JsonObject().put("failure-rate", 1.0)).stream(ask("hello"))));

    assertTrue(streamed.chunks().isEmpty());
    assertEquals(ErrorCode.UPSTREAM_FAILED, ((UpstreamException) streamed.failure().orElseThrow()).code());
  }
}
