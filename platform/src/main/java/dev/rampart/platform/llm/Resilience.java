package dev.rampart.platform.llm;

import io.vertx.core.json.JsonObject;

/**
 * The resilience settings of calls to one provider, merged from the built-in defaults, the
 * platform's {@code llm.resilience}, its {@code llm.provider-resilience.<provider>}, and (for retry
 * and timeouts) the tenant's own overrides.
 *
 * @param retry retries of one provider before falling back
 * @param breaker the provider's circuit breaker
 * @param maxInFlight the provider's bulkhead
 * @param timeouts time limits of one call
 */
public record Resilience(Retry retry, Breaker breaker, int maxInFlight, Timeouts timeouts) {

  /** The built-in defaults, in the config's shape. */
  static final JsonObject DEFAULTS = new JsonObject("""
      {"retry": {"max-attempts": 3, "base-delay-ms": 200, "max-delay-ms": 5000, "max-retry-after-ms": 30000},
       "breaker": {"failure-threshold": 5, "failure-window-ms": 60000, "reset-timeout-ms": 30000},
       "bulkhead": {"max-in-flight": 64},
       "timeouts": {"connect-ms": 5000, "first-token-ms": 30000, "total-ms": 120000}}""");

  /**
   * @param maxAttempts attempts per provider, the first included
   * @param baseDelayMs backoff base
   * @param maxDelayMs largest backoff wait
   * @param maxRetryAfterMs a longer Retry-After is not waited for: the next fallback is tried
   */
  public record Retry(int maxAttempts, long baseDelayMs, long maxDelayMs, long maxRetryAfterMs) {}

  /**
   * @param failureThreshold failures within the window that open the circuit
   * @param failureWindowMs the rolling window
   * @param resetTimeoutMs time open before a half-open trial
   */
  public record Breaker(int failureThreshold, long failureWindowMs, long resetTimeoutMs) {}

  /**
   * @param connectMs connection set-up (applied by the provider)
   * @param firstTokenMs until the first streamed chunk
   * @param totalMs the whole call
   */
  public record Timeouts(long connectMs, long firstTokenMs, long totalMs) {

    JsonObject toJson() {
      return new JsonObject().put("connect-ms", connectMs).put("first-token-ms", firstTokenMs).put("total-ms", totalMs);
    }
  }

  /** Merges the layers key by key, later ones winning; {@code null} layers are skipped. */
  static Resilience merge(JsonObject... layers) {
    JsonObject merged = DEFAULTS.copy();
    for (JsonObject layer : layers) {
      if (layer != null) {
        merged.mergeIn(layer, true);
      }
    }
    JsonObject retry = merged.getJsonObject("retry");
    JsonObject breaker = merged.getJsonObject("breaker");
    JsonObject timeouts = merged.getJsonObject("timeouts");
    return new Resilience(
        new Retry(retry.getInteger("max-attempts"), retry.getLong("base-delay-ms"), retry.getLong("max-delay-ms"),
            retry.getLong("max-retry-after-ms")),
        new Breaker(breaker.getInteger("failure-threshold"), breaker.getLong("failure-window-ms"),
            breaker.getLong("reset-timeout-ms")),
        merged.getJsonObject("bulkhead").getInteger("max-in-flight"),
        new Timeouts(timeouts.getLong("connect-ms"), timeouts.getLong("first-token-ms"), timeouts.getLong("total-ms")));
  }
}
