package dev.rampart.platform.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.contracts.Health;
import dev.rampart.platform.testplugins.TestDetector;
import dev.rampart.platform.testplugins.TestPluginJar;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtensionInstancesTest {

  @TempDir Path plugins;
  @TempDir Path data;
  private Vertx vertx;
  private PluginRuntime runtime;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    TestPluginJar.plugin("tests").extension(TestDetector.class).writeTo(plugins);
    runtime = PluginRuntime.load(List.of(plugins), "0.1.0");
  }

  @AfterEach
  void tearDown() throws Exception {
    runtime.stop();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private ExtensionInstances start(JsonObject settings) throws Exception {
    ExtensionInstances instances = new ExtensionInstances(new PluginCalls(vertx, new SimpleMeterRegistry()));
    ExtensionInstances.Spec spec = new ExtensionInstances.Spec(
        ExtensionKind.PII_DETECTOR, "d1", "test-detector", settings, 300, "rampart.yaml:$.detectors.d1");
    return instances.start(vertx, runtime, List.of(spec), data).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void startsAnInstanceWithValidSettingsAndGivesItADataFolder() throws Exception {
    ExtensionInstances instances = start(new JsonObject().put("mode", "ok"));
    assertTrue(instances.find(ExtensionKind.PII_DETECTOR, "d1").orElseThrow().running());
    assertTrue(data.resolve("pii-detector/d1").toFile().isDirectory());
  }

  @Test
  void refusesSettingsThatBreakTheExtensionsSchemaSayingWhere() throws Exception {
    ExtensionInstances instances = start(new JsonObject().put("mode", "sideways"));
    ExtensionInstances.Instance d1 = instances.find(ExtensionKind.PII_DETECTOR, "d1").orElseThrow();
    assertFalse(d1.running());
    assertTrue(d1.failure().orElseThrow().startsWith("rampart.yaml:$.detectors.d1.settings.mode"), d1.failure().get());
  }

  @Test
  void reportsAnInstanceWhoseStartFails() throws Exception {
    ExtensionInstances instances = start(new JsonObject().put("mode", "fail-start"));
    ExtensionInstances.Instance d1 = instances.find(ExtensionKind.PII_DETECTOR, "d1").orElseThrow();
    assertFalse(d1.running());
    assertTrue(d1.failure().orElseThrow().contains("cannot reach upstream"), d1.failure().get());
  }

  @Test
  void aHealthCheckThatNeverAnswersIsReportedDownAfterTheTimeLimit() throws Exception {
    ExtensionInstances instances = start(new JsonObject().put("mode", "hang-health"));
    Map<String, Health> health = instances.health().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    Health h = health.get("pii-detector:d1");
    assertEquals(Health.Status.DOWN, h.status());
    assertTrue(h.detail().contains("within 300 ms"), h.detail());
  }

  @Test
  void anUnknownTypeIsReportedWithTheConfigLocation() throws Exception {
    ExtensionInstances instances = new ExtensionInstances(new PluginCalls(vertx, new SimpleMeterRegistry()));
    instances.start(vertx, runtime, List.of(new ExtensionInstances.Spec(ExtensionKind.LLM_PROVIDER, "gpt", "nope",
        new JsonObject(), 300, "rampart.yaml:$.providers.gpt")), data).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    String why = instances.find(ExtensionKind.LLM_PROVIDER, "gpt").orElseThrow().failure().orElseThrow();
    assertEquals("rampart.yaml:$.providers.gpt: no started plugin provides llm-provider type 'nope'", why);
  }
}
