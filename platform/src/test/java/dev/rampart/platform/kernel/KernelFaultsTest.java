package dev.rampart.platform.kernel;

import static dev.rampart.platform.kernel.TestKernel.ACME_KEY;
import static dev.rampart.platform.kernel.TestKernel.BUNDLED_PLUGINS;
import static dev.rampart.platform.kernel.TestKernel.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.platform.testplugins.HangingStore;
import dev.rampart.platform.testplugins.TestDetector;
import dev.rampart.platform.testplugins.TestPluginJar;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel with misbehaving plugins and storage: it reports, degrades and keeps serving. */
class KernelFaultsTest {

  @TempDir Path dir;
  @TempDir Path extra;

  private String folders() {
    return "[" + BUNDLED_PLUGINS.toAbsolutePath() + ", " + extra.toAbsolutePath() + "]";
  }

  private static JsonObject plugin(TestKernel rampart, String id) throws Exception {
    return rampart.get("/v1/admin/plugins", ACME_KEY).bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(p -> p.getString("id").equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aStoreCallThatNeverCompletesEndsWithATimeoutProblem() throws Exception {
    TestPluginJar.plugin("hanging").extension(HangingStore.class).writeTo(extra);
    try (TestKernel rampart = TestKernel.start(dir, folders(), "persistence: { use: hanging-store, call-timeout-ms: 300 }\n")) {
      HttpResponse<Buffer> r = rampart.post("/v1/conversations", ACME_KEY, new JsonObject());
      assertEquals(504, r.statusCode(), r.bodyAsString());
      assertEquals("plugin-timeout", r.bodyAsJsonObject().getString("code"));
      assertTrue(r.bodyAsJsonObject().getString("detail").contains("300 ms"));
    }
  }

  @Test
  void aStoreThatThrowsGivesPluginFailedWithoutLeakingItsMessage() throws Exception {
    TestPluginJar.plugin("hanging").extension(HangingStore.class).writeTo(extra);
    try (TestKernel rampart = TestKernel.start(dir, folders(),
        "persistence: { use: hanging-store, settings: { throw: true } }\n")) {
      HttpResponse<Buffer> r = rampart.get("/v1/conversations", ACME_KEY);
      assertEquals(502, r.statusCode(), r.bodyAsString());
      assertEquals("plugin-failed", r.bodyAsJsonObject().getString("code"));
      assertFalse(r.bodyAsString().contains("sk-live-123"));
      assertEquals(200, await(rampart.fromEventLoop(() -> rampart.http.get("/health/live").send())).statusCode(), "the node keeps running");
    }
  }

  @Test
  void aThirdPartyPluginDroppedIntoTheFolderIsListedAndItsInstanceRuns() throws Exception {
    Path built;
    try (Stream<Path> jars = Files.list(TestKernel.REPO_ROOT.resolve("plugins/example-detector/target"))) {
      built = jars.filter(p -> p.getFileName().toString().matches("employee-id-detector-.*\\.jar")).findFirst().orElseThrow();
    }
    Files.copy(built, extra.resolve("employee-id-detector.jar"), StandardCopyOption.REPLACE_EXISTING);
    try (TestKernel rampart = TestKernel.start(dir, folders(),
        "detectors: { employee-ids: { plugin: example-employee-id, settings: { prefix: EMP } } }\n")) {
      JsonObject plugin = plugin(rampart, "employee-id-detector");
      assertEquals("started", plugin.getString("state"));
      assertEquals("1.0.0", plugin.getString("version"));
      assertEquals("pii-detector", plugin.getJsonArray("extensions").getJsonObject(0).getString("kind"));
      assertEquals("started", plugin.getJsonArray("instances").getJsonObject(0).getString("state"));
      JsonObject ready = await(rampart.fromEventLoop(() -> rampart.http.get("/health/ready").send())).bodyAsJsonObject();
      assertEquals("UP", ready.getJsonObject("checks").getJsonObject("pii-detector:employee-ids").getString("status"));
      assertEquals("UP", ready.getString("status"));
    }
  }

  @Test
  void anIncompatibleOrBrokenPluginIsReportedAndTheKernelDegradesInsteadOfFailing() throws Exception {
    TestPluginJar.plugin("future-thing").requires(">=5.0.0").extension(TestDetector.class).writeTo(extra);
    Files.write(extra.resolve("garbage.jar"), new byte[] {0x50, 0x4b, 0, 0});
    TestPluginJar.plugin("detectors").extension(TestDetector.class).writeTo(extra);
    try (TestKernel rampart = TestKernel.start(dir, folders(),
        "detectors: { bad: { plugin: test-detector, settings: { mode: fail-start } } }\n")) {
      JsonObject future = plugin(rampart, "future-thing");
      assertEquals("failed", future.getString("state"));
      assertTrue(future.getString("failure").contains("requires Rampart >=5.0.0, but this is Rampart 0.1.0"));
      assertEquals("failed", plugin(rampart, "garbage.jar").getString("state"));
      JsonObject detectors = plugin(rampart, "detectors");
      assertEquals("failed", detectors.getJsonArray("instances").getJsonObject(0).getString("state"));

      HttpResponse<Buffer> ready = await(rampart.fromEventLoop(() -> rampart.http.get("/health/ready").send()));
      assertEquals(200, ready.statusCode());
      assertEquals("DEGRADED", ready.bodyAsJsonObject().getString("status"));
      assertTrue(ready.bodyAsJsonObject().getJsonObject("checks").getJsonObject("plugin:future-thing")
          .getString("detail").contains("requires Rampart"));
      assertEquals(201, rampart.post("/v1/conversations", ACME_KEY, new JsonObject()).statusCode(), "still serving");
    }
  }

  @Test
  void conversationsSurviveARestartOfTheEmbeddedStore() throws Exception {
    String id;
    try (TestKernel first = TestKernel.start(dir)) {
      id = first.post("/v1/conversations", ACME_KEY, new JsonObject().put("title", "durable")).bodyAsJsonObject().getString("id");
      first.post("/v1/conversations/" + id + "/messages", ACME_KEY, new JsonObject().put("role", "user").put("content", "remember me"));
    }
    try (TestKernel second = TestKernel.start(dir)) {
      JsonObject page = second.get("/v1/conversations/" + id + "/messages", ACME_KEY).bodyAsJsonObject();
      assertEquals("remember me", page.getJsonArray("items").getJsonObject(0).getString("content"));
    }
  }

  @Test
  void anUnwritableDataFolderStopsTheBootWithAClearReason() throws Exception {
    Path file = dir.resolve("not-a-folder");
    Files.writeString(file, "x");
    TestKernel.writeConfig(dir, "[" + BUNDLED_PLUGINS.toAbsolutePath() + "]", "persistence: { use: embedded }\n");
    String yaml = Files.readString(dir.resolve("rampart.yaml")).replace(dir.resolve("data").toAbsolutePath().toString(),
        file.resolve("data").toAbsolutePath().toString());
    Files.writeString(dir.resolve("rampart.yaml"), yaml);
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      BootException e = assertThrows(BootException.class, () -> await(Kernel.boot(vertx,
          dev.rampart.platform.config.ConfigLoader.load(dir.resolve("rampart.yaml"), java.util.Map.of()), java.util.Map.of())));
      assertTrue(e.getMessage().contains("persistence 'embedded' is not running"), e.getMessage());
    } finally {
      await(vertx.close());
    }
  }

  @Test
  void aMissingRequiredPluginStopsTheBootNamingIt() throws Exception {
    TestKernel.writeConfig(dir, "[" + extra.toAbsolutePath() + "]", "");
    String yaml = Files.readString(dir.resolve("rampart.yaml")).replace("required: []", "required: [persistence-embedded]");
    Files.writeString(dir.resolve("rampart.yaml"), yaml);
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      BootException e = assertThrows(BootException.class, () -> await(Kernel.boot(vertx,
          dev.rampart.platform.config.ConfigLoader.load(dir.resolve("rampart.yaml"), java.util.Map.of()), java.util.Map.of())));
      assertTrue(e.getMessage().contains("required plugin(s) not started: persistence-embedded"), e.getMessage());
    } finally {
      await(vertx.close());
    }
  }
}
