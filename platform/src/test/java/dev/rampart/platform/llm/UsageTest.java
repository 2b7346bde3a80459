package dev.rampart.platform.llm;

import static dev.rampart.platform.llm.GatewayFixture.completion;
import static dev.rampart.platform.llm.GatewayFixture.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.platform.kernel.TestKernel;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage is recorded per tenant, day and model, queryable, and — with budgets — survives a
 * restart, both with a test adapter's file ledger and with the bundled embedded store.
 */
class UsageTest {

  @TempDir Path dir;

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"file-ledger", "embedded"})
  void usageAndTheSpentBudgetSurviveARestart(String persistence) throws Exception {
    String tenant = key("wayne");
    JsonObject before;
    try (TestKernel rampart = GatewayFixture.start(dir, persistence)) {
      for (int i = 0; i < 2; i++) {
        HttpResponse<Buffer> r = rampart.post("/v1/chat/completions", tenant, completion("fast", "hi"));
        assertEquals(200, r.statusCode(), r.bodyAsString());
      }
      before = usageOnceRecorded(rampart, tenant, 2);
    }
    assertEquals(2, before.getJsonObject("totals").getLong("requests"));
    double spent = before.getJsonObject("totals").getDouble("cost-usd");
    assertTrue(spent > 0);
    assertEquals(10 - spent, before.getJsonObject("remaining").getDouble("daily-usd"), 2e-6);

    try (TestKernel restarted = GatewayFixture.start(dir, persistence)) {
      JsonObject after = usage(restarted, tenant);
      assertEquals(before.getJsonArray("items"), after.getJsonArray("items"));
      assertEquals(10 - spent, after.getJsonObject("remaining").getDouble("daily-usd"), 2e-6,
          "the budget counters are rebuilt from the ledger");
    }
  }

  @Test
  void usageIsReportedPerDayAndModelAndBadRangesAreRefused() throws Exception {
    try (TestKernel rampart = GatewayFixture.start(dir)) {
      rampart.post("/v1/chat/completions", key("initech"), completion("fast", "hello there"));
      JsonObject report = usageOnceRecorded(rampart, key("initech"), 1);
      JsonArray items = report.getJsonArray("items");
      assertEquals(1, items.size());
      JsonObject item = items.getJsonObject(0);
      assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), item.getString("day"));
      assertEquals("alpha", item.getString("provider"));
      assertEquals("alpha-small", item.getString("model"));
      assertEquals(1, item.getLong("requests"));
      assertEquals(item.getLong("prompt-tokens") + item.getLong("completion-tokens"), item.getLong("total-tokens"));
      assertTrue(report.getJsonObject("remaining").getLong("tokens-per-minute") <= 300);
      double daily = report.getJsonObject("remaining").getDouble("daily-usd");
      assertTrue(daily < 25 && daily > 24.99, "the platform's default daily budget, less what was spent: " + daily);

      HttpResponse<Buffer> reversed = rampart.get("/v1/usage?from=2026-02-01&to=2026-01-01", key("initech"));
      ChatCompletionsTest.assertProblem(reversed, 400, "validation-failed");
      HttpResponse<Buffer> garbage = rampart.get("/v1/usage?from=yesterday", key("initech"));
      ChatCompletionsTest.assertProblem(garbage, 400, "validation-failed");
    }
  }

  /**
   * The usage report once it counts {@code requests} requests: usage is recorded after the answer
   * is sent, so a report asked for right after a response may not hold it yet.
   */
  private static JsonObject usageOnceRecorded(TestKernel rampart, String key, long requests) throws Exception {
    TestKernel.await(rampart.eventually(10_000, () -> rampart.http.get("/v1/usage")
        .putHeader("Authorization", "Bearer " + key).send()
        .map(r -> r.statusCode() == 200 && r.bodyAsJsonObject().getJsonObject("totals").getLong("requests") == requests)));
    return usage(rampart, key);
  }

  private static JsonObject usage(TestKernel rampart, String key) throws Exception {
    HttpResponse<Buffer> r = rampart.get("/v1/usage", key);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }
}
