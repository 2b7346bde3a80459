package dev.rampart.platform.llm;

import dev.rampart.platform.kernel.TestKernel;
import dev.rampart.platform.testplugins.AliasRouter;
import dev.rampart.platform.testplugins.FileLedger;
import dev.rampart.platform.testplugins.KeywordDetector;
import dev.rampart.platform.testplugins.ScriptedProvider;
import dev.rampart.platform.testplugins.TestPluginJar;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A kernel with the gateway's test doubles as real plugin jars: scripted providers (one per
 * behaviour), the alias router and a file-backed usage ledger; and tenants to exercise them:
 * {@code acme} (every provider, generous limits), {@code globex} (no provider), {@code initech}
 * (300 tokens per minute), {@code umbrella} (a tiny daily budget), {@code hooli} (a budget that
 * runs out in the middle of a long answer), {@code wayne} (a budget that is not reached), {@code duo}
 * (a budget that one long answer fits, two do not),
 * and, with {@link #startGuarded}, {@code stark} (two requests in flight, employee ids blocked in and out).
 */
final class GatewayFixture {

  static final String CHATTY_REPLY = "word ".repeat(400);

  private GatewayFixture() {}

  static TestKernel start(Path dir) throws Exception {
    return start(dir, "file-ledger");
  }

  /** As {@link #start(Path)}, with another persistence extension type (e.g. the bundled {@code embedded}). */
  static TestKernel start(Path dir, String persistence) throws Exception {
    return start(dir, persistence, false);
  }

  /**
   * As {@link #start(Path)}, with the keyword detector running and tenant {@code stark}. Kept
   * apart because a running detector makes every streamed answer hold back its longest entity.
   */
  static TestKernel startGuarded(Path dir) throws Exception {
    return start(dir, "file-ledger", true);
  }

  private static TestKernel start(Path dir, String persistence, boolean guarded) throws Exception {
    Path plugins = dir.resolve("test-plugins");
    TestPluginJar.plugin("gateway-test-doubles")
        .extension(ScriptedProvider.class)
        .extension(AliasRouter.class)
        .extension(FileLedger.class)
        .extension(KeywordDetector.class)
        .writeTo(plugins);
    String folders = "[" + plugins.toAbsolutePath() + ", " + TestKernel.BUNDLED_PLUGINS.toAbsolutePath() + "]";
    Map<String, String> tenants = new HashMap<>(Map.of(
        "acme", ACME, "globex", "llm: { providers: [] }\n",
        "initech", tenant("initech", "tokens-per-minute: 300", "fast: alpha/alpha-small"),
        "umbrella", tenant("umbrella", "daily-budget-usd: 0.001", "chatty: chatty/m"),
        "hooli", tenant("hooli", "daily-budget-usd: 0.5", "chatty: chatty/m"),
        "wayne", tenant("wayne", "daily-budget-usd: 10", "fast: alpha/alpha-small"),
        "duo", tenant("duo", "daily-budget-usd: 0.8", "wordy: wordy/m")));
    String platform = PLATFORM.replace("use: file-ledger", "use: " + persistence);
    if (guarded) {
      platform = platform + "detectors:\n  keywords: { plugin: keyword-detector }\n";
      tenants.put("stark", STARK.formatted(TestKernel.sha256(key("stark"))));
    }
    return TestKernel.start(dir, folders, platform, tenants);
  }

  /** A chat request in the OpenAI wire format. */
  static JsonObject completion(String model, String text) {
    return new JsonObject().put("model", model)
        .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", text)));
  }

  /** The {@code data:} payloads of a Server-Sent Events body, in order. */
  static List<String> events(String body) {
    List<String> data = new ArrayList<>();
    for (String frame : body.split("\n\n")) {
      if (frame.startsWith("data: ")) {
        data.add(frame.substring("data: ".length()));
      } else if (!frame.isBlank()) {
        throw new AssertionError("not an SSE data frame: " + frame);
      }
    }
    return data;
  }

  private static String tenant(String id, String limits, String alias) throws Exception {
    return """
        id: %s
        name: %s
        api-keys:
          - { id: main, sha256: %s, roles: [agent] }
        limits: { requests-per-second: 1000, burst: 1000, in-flight: 100, %s }
        llm:
          providers: [alpha, chatty, wordy]
          router-settings: { aliases: { %s } }
        """.formatted(id, id, TestKernel.sha256(key(id)), limits, alias);
  }

  static String key(String tenant) {
    return "rk_test_" + tenant + "_0123456789";
  }

  private static final String PLATFORM = """
      persistence: { use: file-ledger }
      llm:
        router: aliases
        resilience:
          retry: { max-attempts: 2, base-delay-ms: 5, max-delay-ms: 20 }
          timeouts: { connect-ms: 500, first-token-ms: 2000, total-ms: 5000 }
          breaker: { failure-threshold: 50, reset-timeout-ms: 60000 }
        provider-resilience:
          flaky: { retry: { max-attempts: 3 } }
          down1: { retry: { max-attempts: 1 }, breaker: { failure-threshold: 2, reset-timeout-ms: 300 } }
          down2: { retry: { max-attempts: 1 }, breaker: { failure-threshold: 2, reset-timeout-ms: 300 } }
          slow: { bulkhead: { max-in-flight: 1 } }
          hanging: { retry: { max-attempts: 1 }, timeouts: { first-token-ms: 200, total-ms: 300 } }
          stalled: { retry: { max-attempts: 1 }, timeouts: { total-ms: 600000 } }
      router-policies:
        aliases: { plugin: alias-router }
      providers:
        alpha: { plugin: scripted, settings: { reply: "Hello from alpha", chunks: 3, models: [{ id: alpha-small, context-window: 8192 }, { id: alpha-tiny, context-window: 40 }] } }
        tools: { plugin: scripted, settings: { mode: tools, models: [{ id: tool-model }] } }
        flaky: { plugin: scripted, settings: { mode: fail, fail-code: RATE_LIMITED, fail-times: 1, retry-after-ms: 300, models: [{ id: m }] } }
        broken: { plugin: scripted, settings: { mode: fail, models: [{ id: m }] } }
        early: { plugin: scripted, settings: { mode: fail-stream-early, models: [{ id: m }] } }
        late: { plugin: scripted, settings: { mode: fail-stream-late, reply: "one two three four five six", chunks: 6, models: [{ id: m }] } }
        down1: { plugin: scripted, settings: { mode: fail, models: [{ id: m }] } }
        down2: { plugin: scripted, settings: { mode: fail, models: [{ id: m }] } }
        slow: { plugin: scripted, settings: { delay-ms: 1000, models: [{ id: m }] } }
        hanging: { plugin: scripted, settings: { mode: hang, models: [{ id: m }] } }
        stalled: { plugin: scripted, settings: { mode: stall, models: [{ id: m }] } }
        leaky: { plugin: scripted, settings: { reply: "your id is EMP-123456, keep it safe", chunks: 6, models: [{ id: m }] } }
        chatty: { plugin: scripted, settings: { reply: "%s", chunks: 200, report-usage: false, models: [{ id: m, input-price: 1000, output-price: 1000 }] } }
        wordy: { plugin: scripted, settings: { reply: "%s", chunks: 200, report-usage: false, delay-ms: 200, models: [{ id: m, input-price: 1000, output-price: 1000 }] } }
      """.formatted(CHATTY_REPLY, CHATTY_REPLY);

  private static final String ACME = """
      limits: { requests-per-second: 1000, burst: 1000, in-flight: 100 }
      llm:
        providers: [alpha, tools, flaky, broken, early, late, down1, down2, slow, hanging, stalled, chatty]
        router-settings:
          aliases:
            fast: alpha/alpha-small
            tiny: alpha/alpha-tiny
            tooly: tools/tool-model
            flaky: flaky/m
            fallback: [broken/m, alpha/alpha-small]
            early: [early/m, alpha/alpha-small]
            late: [late/m, alpha/alpha-small]
            down: [down1/m, down2/m]
            slow: [slow/m, alpha/alpha-small]
            hang: [hanging/m, alpha/alpha-small]
            stall: stalled/m
      """;

  private static final String STARK = """
      id: stark
      name: stark
      api-keys:
        - { id: main, sha256: %s, roles: [agent] }
      limits: { requests-per-second: 1000, burst: 1000, in-flight: 2 }
      guard:
        actions:
          EMPLOYEE_ID: { input: block, output: block }
      llm:
        providers: [alpha, leaky]
        router-settings: { aliases: { fast: alpha/alpha-small, leaky: leaky/m } }
      """;
}
