package dev.rampart.platform.kernel;

import dev.rampart.contracts.Health;
import dev.rampart.platform.plugin.ExtensionInstances;
import dev.rampart.platform.plugin.ExtensionKind;
import dev.rampart.platform.plugin.PluginReport;
import dev.rampart.platform.plugin.PluginRuntime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * {@code /health/ready}: DOWN when the persistence instance is down (nothing can be served),
 * DEGRADED when an optional plugin or instance failed, UP otherwise — with a check per plugin
 * and instance saying why.
 */
public final class Readiness {

  private final PluginRuntime plugins;
  private final ExtensionInstances instances;

  public Readiness(PluginRuntime plugins, ExtensionInstances instances) {
    this.plugins = plugins;
    this.instances = instances;
  }

  public Future<JsonObject> check() {
    return instances.health().map(this::report);
  }

  private JsonObject report(Map<String, Health> instanceHealth) {
    JsonObject checks = new JsonObject();
    Health.Status overall = Health.Status.UP;
    for (PluginReport p : plugins.reports()) {
      if (p.failed()) {
        checks.put("plugin:" + p.id(), entry(new Health(Health.Status.DOWN, p.failure().orElse("failed"))));
        overall = worst(overall, Health.Status.DEGRADED);
      }
    }
    for (Map.Entry<String, Health> e : instanceHealth.entrySet()) {
      checks.put(e.getKey(), entry(e.getValue()));
      boolean essential = e.getKey().startsWith(ExtensionKind.PERSISTENCE.wireName() + ":");
      Health.Status s = e.getValue().status();
      overall = worst(overall, essential || s != Health.Status.DOWN ? s : Health.Status.DEGRADED);
    }
    return new JsonObject().put("status", overall.name()).put("checks", checks);
  }

  private static JsonObject entry(Health h) {
    return new JsonObject().put("status", h.status().name()).put("detail", h.detail());
  }

  private static Health.Status worst(Health.Status a, Health.Status b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }
}
