package dev.rampart.plugins.router.rules;

import dev.rampart.plugins.router.support.BoundedTable;
import dev.rampart.plugins.router.support.Ewma;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * Observed latency per {@code provider/model}: a moving average of successful calls. Shared by
 * all tenants of the instance on purpose, because provider instances are shared: one tenant's
 * traffic warms the estimate for the others. Failed calls are left out, since a call that fails
 * fast says nothing about how fast a model answers.
 */
final class LatencyBook {

  /** An expected latency and whether it was observed or is the configured hint. */
  record Latency(double millis, boolean observed) {
    String describe() {
      return observed ? "observed " + Math.round(millis) + " ms" : "hint " + Math.round(millis) + " ms, not observed yet";
    }
  }

  static final int MAX_MODELS = 4096;

  private final double alpha;
  private final BoundedTable<Ewma> byModel = new BoundedTable<>(MAX_MODELS);

  LatencyBook(double alpha) {
    this.alpha = alpha;
  }

  void record(String provider, String model, long millis) {
    byModel.get(provider + "/" + model, k -> new Ewma(alpha)).update(Math.max(0, millis));
  }

  Latency expected(String provider, String model, RulesSettings settings) {
    Ewma observed = byModel.peek(provider + "/" + model);
    if (observed != null && observed.known()) {
      return new Latency(observed.value(), true);
    }
    return new Latency(settings.latencyHint(provider, model), false);
  }

  /** {@code {"provider/model": ms, ...}} of what has been observed, for metrics and admin. */
  JsonObject snapshot() {
    JsonObject out = new JsonObject();
    for (Map.Entry<String, Ewma> e : new TreeMap<>(byModel.snapshot()).entrySet()) {
      if (e.getValue().known()) {
        out.put(e.getKey(), Math.round(e.getValue().value() * 10) / 10.0);
      }
    }
    return out;
  }
}
