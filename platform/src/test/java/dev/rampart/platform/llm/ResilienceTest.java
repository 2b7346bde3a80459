package dev.rampart.platform.llm;

import static dev.rampart.platform.kernel.TestKernel.ACME_KEY;
import static dev.rampart.platform.kernel.TestKernel.await;
import static dev.rampart.platform.llm.GatewayFixture.completion;
import static dev.rampart.platform.llm.GatewayFixture.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.platform.kernel.TestKernel;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries, fallbacks, circuit breakers, bulkheads and broken streams, against scripted providers. */
class ResilienceTest {

  @TempDir static Path dir;
  @AutoClose static TestKernel rampart;

  @BeforeAll
  static void boot() throws Exception {
    rampart = GatewayFixture.start(dir);
  }

  @Test
  void aRetryWaitsAtLeastAsLongAsTheUpstreamsRetryAfter() throws Exception {
    List<JsonObject> calls = new CopyOnWriteArrayList<>();
    // the provider's records travel on the event bus and may arrive after the HTTP answer
    java.util.concurrent.CompletableFuture<Void> bothRecorded = new java.util.concurrent.CompletableFuture<>();
    MessageConsumer<JsonObject> consumer = rampart.vertx.eventBus().consumer("test.provider.calls", m -> {
      if ("flaky".equals(m.body().getString("instance"))) {
        calls.add(m.body());
        if (calls.size() >= 2) {
          bothRecorded.complete(null);
        }
      }
    });
    await(consumer.completion());
    try {
      HttpResponse<Buffer> r = rampart.post("/v1/chat", ACME_KEY, completion("flaky", "hello"));
      assertEquals(200, r.statusCode(), r.bodyAsString());
      assertEquals(2, r.bodyAsJsonObject().getJsonObject("routing").getInteger("attempts"));
      bothRecorded.get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(2, calls.size(), calls.toString());
      long waited = calls.get(1).getLong("at-ms") - calls.get(0).getLong("at-ms");
      assertTrue(waited >= 300, "the second attempt came " + waited + " ms after the first, before Retry-After (300 ms)");
      assertEquals(new JsonObject().put("connect-ms", 500).put("first-token-ms", 2000).put("total-ms", 5000),
          calls.get(0).getJsonObject("timeouts"), "the provider is told the call's time limits");
    } finally {
      await(consumer.unregister());
    }
  }

  @Test
  void aFailingProviderFallsBackToTheNextInTheChain() throws Exception {
    HttpResponse<Buffer> r = rampart.post("/v1/chat", ACME_KEY, completion("fallback", "hello"));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject answer = r.bodyAsJsonObject();
    assertEquals("Hello from alpha", answer.getJsonObject("message").getString("content"));
    JsonObject routing = answer.getJsonObject("routing");
    assertEquals("alpha", routing.getString("provider"));
    assertEquals(new JsonArray().add(new JsonObject().put("provider", "broken").put("model", "m").put("code", "upstream-failed")),
        routing.getJsonArray("fallbacks-tried"));
    assertEquals(3, routing.getInteger("attempts"), "two attempts at broken (max-attempts 2), one at alpha");
    assertTrue(answer.getDouble("cost-usd") > 0);
    assertTrue(r.getHeader("Server-Timing").startsWith("gateway;dur="));
  }

  @Test
  void aStreamThatFailsBeforeItsFirstTokenFallsBack() throws Exception {
    HttpResponse<Buffer> r = rampart.post("/v1/chat/completions", ACME_KEY, completion("early", "hi").put("stream", true));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    List<String> data = events(r.bodyAsString());
    assertEquals("[DONE]", data.get(data.size() - 1));
    StringBuilder text = new StringBuilder();
    data.subList(0, data.size() - 1).forEach(d -> text.append(new JsonObject(d).getJsonArray("choices").getJsonObject(0)
        .getJsonObject("delta").getString("content", "")));
    assertEquals("Hello from alpha", text.toString());
  }

  @Test
  void aClientThatGoesAwayMidStreamCancelsTheProvidersStream() throws Exception {
    Promise<JsonObject> cancelled = Promise.promise();
    MessageConsumer<JsonObject> consumer = rampart.vertx.eventBus().consumer("test.provider.cancelled", m -> {
      if ("stalled".equals(m.body().getString("instance"))) {
        cancelled.tryComplete(m.body());
      }
    });
    await(consumer.completion());
    HttpClient client = rampart.vertx.createHttpClient();
    try {
      // the provider sends one chunk and then nothing, with a time limit far beyond this test's wait:
      // only the client's disconnect can end its stream
      Promise<String> firstEvent = Promise.promise();
      // the handler is set in the callback, on the connection's event loop, so no data can come before it
      HttpClientRequest request = await(client.request(new RequestOptions().setMethod(HttpMethod.POST)
              .setHost("127.0.0.1").setPort(rampart.kernel.httpPort()).setURI("/v1/chat/completions")
              .putHeader("Authorization", "Bearer " + ACME_KEY).putHeader("Content-Type", "application/json"))
          .compose(req -> req.send(completion("stall", "hi").put("stream", true).toBuffer()).map(response -> {
            response.handler(chunk -> firstEvent.tryComplete(response.statusCode() + " " + chunk));
            return req;
          })));
      assertTrue(await(firstEvent.future()).startsWith("200 data: "));
      assertTrue(await(firstEvent.future()).contains("Hello from stalled"));

      await(request.connection().close());

      assertEquals("stalled", await(cancelled.future()).getString("instance"));
    } finally {
      await(consumer.unregister());
      await(client.close());
    }
  }

  @Test
  void aStreamThatFailsAfterItsFirstTokenEndsWithAnErrorEventAndNoDone() throws Exception {
    HttpResponse<Buffer> r = rampart.post("/v1/chat/completions", ACME_KEY, completion("late", "hi").put("stream", true));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    List<String> data = events(r.bodyAsString());
    assertFalse(data.contains("[DONE]"), r.bodyAsString());
    assertEquals("one t", new JsonObject(data.get(0)).getJsonArray("choices").getJsonObject(0).getJsonObject("delta").getString("content"),
        "what was streamed before the failure reached the client");
    JsonObject error = new JsonObject(data.get(data.size() - 1)).getJsonObject("error");
    assertEquals("upstream_failed", error.getString("code"));
    assertEquals("api_error", error.getString("type"));

    HttpResponse<Buffer> own = rampart.post("/v1/chat", ACME_KEY, completion("late", "hello").put("stream", true));
    List<String> events = events(own.bodyAsString());
    JsonObject last = new JsonObject(events.get(events.size() - 1));
    assertEquals("error", last.getString("type"));
    assertEquals("upstream-failed", last.getJsonObject("problem").getString("code"));
    assertTrue(events.stream().noneMatch(e -> new JsonObject(e).getString("type").equals("end")));
  }

  @Test
  void whenEveryProviderIsDownTheChainFailsTheBreakersOpenAndHalfOpenLetsATrialThrough() throws Exception {
    for (int i = 0; i < 2; i++) {
      HttpResponse<Buffer> r = rampart.post("/v1/chat/completions", ACME_KEY, completion("down", "hi"));
      ChatCompletionsTest.assertProblem(r, 502, "upstream-failed");
      String detail = r.bodyAsJsonObject().getString("detail");
      assertTrue(detail.contains("down1/m (upstream-failed)") && detail.contains("down2/m (upstream-failed)"), detail);
    }
    assertEquals(2, breakerState("down1"), "two failures open the circuit");
    ChatCompletionsTest.assertProblem(rampart.post("/v1/chat/completions", ACME_KEY, completion("down", "hi")),
        503, "upstream-unavailable");

    rampart.vertx.sharedData().getLocalMap("test-provider-mode").put("down1", "ok");
    await(rampart.eventually(5000, () -> breakerStateNow("down1").map(state -> state == 1)));
    HttpResponse<Buffer> trial = rampart.post("/v1/chat", ACME_KEY, completion("down", "hello"));
    assertEquals(200, trial.statusCode(), trial.bodyAsString());
    assertEquals("down1", trial.bodyAsJsonObject().getJsonObject("routing").getString("provider"));
    assertEquals(0, breakerState("down1"), "a successful trial closes the circuit");
  }

  @Test
  void aFullBulkheadFailsFastToTheFallback() throws Exception {
    Future<HttpResponse<Buffer>> first = rampart.fromEventLoop(() -> rampart.http.post("/v1/chat")
        .putHeader("Authorization", "Bearer " + ACME_KEY).sendJsonObject(completion("slow", "hello")));
    Future<HttpResponse<Buffer>> second = rampart.fromEventLoop(() -> rampart.http.post("/v1/chat")
        .putHeader("Authorization", "Bearer " + ACME_KEY).sendJsonObject(completion("slow", "hello")));
    List<String> providers = List.of(
        await(first).bodyAsJsonObject().getJsonObject("routing").getString("provider"),
        await(second).bodyAsJsonObject().getJsonObject("routing").getString("provider"));
    assertTrue(providers.contains("slow") && providers.contains("alpha"), providers.toString());
  }

  @Test
  void aProviderThatNeverAnswersTimesOutAndFallsBackPlainAndStreamed() throws Exception {
    HttpResponse<Buffer> plain = rampart.post("/v1/chat", ACME_KEY, completion("hang", "hello"));
    assertEquals(200, plain.statusCode(), plain.bodyAsString());
    assertEquals(new JsonArray().add(new JsonObject().put("provider", "hanging").put("model", "m").put("code", "upstream-timeout")),
        plain.bodyAsJsonObject().getJsonObject("routing").getJsonArray("fallbacks-tried"), "total-ms passed");

    HttpResponse<Buffer> streamed = rampart.post("/v1/chat", ACME_KEY, completion("hang", "hello").put("stream", true));
    List<String> events = events(streamed.bodyAsString());
    JsonObject end = new JsonObject(events.get(events.size() - 1));
    assertEquals("end", end.getString("type"));
    assertEquals(new JsonArray().add(new JsonObject().put("provider", "hanging").put("model", "m").put("code", "upstream-timeout")),
        end.getJsonObject("routing").getJsonArray("fallbacks-tried"), "first-token-ms passed");
  }

  @Test
  void metricsAreTaggedByProviderAndModelOnly() throws Exception {
    rampart.post("/v1/chat/completions", ACME_KEY, completion("fast", "hi"));
    rampart.post("/v1/chat/completions", ACME_KEY, completion("fallback", "hi"));
    String metrics = await(rampart.fromEventLoop(() -> rampart.http.get("/metrics").send())).bodyAsString();
    assertTrue(metrics.contains("rampart_llm_latency_seconds_count{model=\"alpha-small\",provider=\"alpha\"}"), metrics);
    assertTrue(metrics.contains("rampart_llm_tokens_total{direction=\"output\",model=\"alpha-small\",provider=\"alpha\"}"));
    assertTrue(metrics.contains("rampart_llm_cost_usd_total{model=\"alpha-small\",provider=\"alpha\"}"));
    assertTrue(metrics.contains("rampart_llm_errors_total{code=\"upstream-failed\",model=\"m\",provider=\"broken\"}"));
    assertTrue(metrics.contains("rampart_llm_retries_total{model=\"m\",provider=\"broken\"}"));
    assertTrue(metrics.contains("rampart_llm_fallbacks_total{model=\"m\",provider=\"broken\"}"));
    assertTrue(metrics.contains("rampart_llm_breaker_state{provider=\"broken\"}"));
    assertTrue(metrics.contains("rampart_llm_route_decisions_total{"), "routing decisions are counted");
    for (String line : metrics.split("\n")) {
      if (line.startsWith("rampart_llm")) {
        assertFalse(line.contains("chatcmpl-") || line.contains("tenant"), line);
      }
    }
  }

  private static int breakerState(String provider) throws Exception {
    return await(breakerStateNow(provider));
  }

  private static Future<Integer> breakerStateNow(String provider) {
    return rampart.http.get("/metrics").send().map(r -> state(r.bodyAsString(), provider));
  }

  private static int state(String metrics, String provider) {
    Matcher m = Pattern.compile("rampart_llm_breaker_state\\{provider=\"" + provider + "\"} ([0-9.]+)").matcher(metrics);
    if (!m.find()) {
      throw new AssertionError("no breaker gauge for " + provider);
    }
    return (int) Double.parseDouble(m.group(1));
  }

}
