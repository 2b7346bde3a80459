package dev.rampart.platform.guard;

import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.guard.PiiDetector;
import dev.rampart.platform.config.PlatformConfig;
import dev.rampart.platform.config.TenantConfig;
import dev.rampart.platform.plugin.PluginCalls;
import dev.rampart.platform.testplugins.KeywordDetector;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Guards built in-process over started test detectors and hand-made tenant configs. */
final class GuardFixture {

  static final byte[] PLATFORM_SECRET = "guard-test-platform-secret-0123456789".getBytes(StandardCharsets.UTF_8);

  final Map<String, TenantConfig> tenants = new LinkedHashMap<>();
  final Map<String, PiiDetector> detectors = new LinkedHashMap<>();
  final MeterRegistry meters = new SimpleMeterRegistry();
  PlatformConfig.Guard settings = PlatformConfig.Guard.defaults();

  GuardFixture tenant(String id, String guardJson) {
    tenants.put(id, new TenantConfig(id, id, List.of(), new JsonObject(), 0,
        new JsonObject().put("guard", new JsonObject(guardJson)), Path.of(id + ".yaml")));
    return this;
  }

  GuardFixture keywords(String name, String mode) {
    KeywordDetector d = new KeywordDetector();
    d.start(new ExtensionContext(null, name, Path.of(".")), new JsonObject().put("mode", mode));
    detectors.put(name, d);
    return this;
  }

  GuardFixture detector(String name, PiiDetector detector) {
    detectors.put(name, detector);
    return this;
  }

  GuardFixture settings(PlatformConfig.Guard settings) {
    this.settings = settings;
    return this;
  }

  PolicyTextGuard build(Vertx vertx) {
    return new PolicyTextGuard(id -> Optional.ofNullable(tenants.get(id)), DetectorSet.of(detectors), settings,
        PLATFORM_SECRET, new PluginCalls(vertx, meters), meters);
  }
}
