package dev.rampart.plugins.router.adaptive;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A read-only view of one tenant's canary, for metrics and admin.
 *
 * @param tenantId the tenant
 * @param model the target on trial, as configured
 * @param configuredShare the share the settings ask for
 * @param share the share it gets now: 0 once rolled back
 * @param rolledBack whether it has been rolled back
 * @param reason why it was rolled back, when it was
 * @param rolledBackAt when it was rolled back
 * @param samples observations in the current window
 * @param errorRate failed share of those observations (0 when there are none)
 * @param p95LatencyMillis 95th percentile latency of the canary's own answers in the window
 * @param meanQuality mean quality score of the canary's answers that carried one
 */
public record CanaryStatus(
    String tenantId,
    String model,
    double configuredShare,
    double share,
    boolean rolledBack,
    Optional<String> reason,
    Optional<Instant> rolledBackAt,
    int samples,
    double errorRate,
    OptionalDouble p95LatencyMillis,
    OptionalDouble meanQuality) {

  /** The view as JSON (kebab-case keys; absent values are left out). */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("tenant-id", tenantId)
        .put("model", model)
        .put("configured-share", configuredShare)
        .put("share", share)
        .put("status", rolledBack ? "rolled-back" : "active")
        .put("samples", samples)
        .put("error-rate", errorRate);
    reason.ifPresent(r -> json.put("reason", r));
    rolledBackAt.ifPresent(t -> json.put("rolled-back-at", t.toString()));
    p95LatencyMillis.ifPresent(v -> json.put("p95-latency-ms", v));
    meanQuality.ifPresent(v -> json.put("mean-quality", v));
    return json;
  }
}
