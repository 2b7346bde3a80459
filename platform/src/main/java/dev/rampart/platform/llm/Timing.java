package dev.rampart.platform.llm;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * Where a chat's time went: in the provider (every attempt), and in Rampart itself (everything
 * else: admission, guard, routing, accounting, back-off waits between retries).
 *
 * @param gatewayNanos Rampart's own time
 * @param providerNanos time inside provider calls (until the first token, for streams)
 */
public record Timing(long gatewayNanos, long providerNanos) {

  static Timing of(long totalNanos, long providerNanos) {
    return new Timing(Math.max(0, totalNanos - providerNanos), providerNanos);
  }

  /** The {@code Server-Timing} header value, e.g. {@code gateway;dur=1.2, provider;dur=35.0}. */
  public String serverTiming() {
    return String.format(Locale.ROOT, "gateway;dur=%.1f, provider;dur=%.1f", gatewayNanos / 1e6, providerNanos / 1e6);
  }

  public JsonObject toJson() {
    return new JsonObject().put("gateway-ms", Math.round(gatewayNanos / 1e3) / 1e3).put("provider-ms", Math.round(providerNanos / 1e3) / 1e3);
  }
}
