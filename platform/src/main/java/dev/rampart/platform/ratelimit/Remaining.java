package dev.rampart.platform.ratelimit;

import io.vertx.core.json.JsonObject;

/**
 * What a tenant may still use now. Infinite (or {@link Long#MAX_VALUE}) where no limit applies.
 *
 * @param dailyUsd spend left today (UTC)
 * @param monthlyUsd spend left this month (UTC)
 * @param tokensPerMinute tokens available now
 */
public record Remaining(double dailyUsd, double monthlyUsd, long tokensPerMinute) {

  /** Kebab-case JSON; a limit that does not apply is null. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("daily-usd", Double.isInfinite(dailyUsd) ? null : round(dailyUsd))
        .put("monthly-usd", Double.isInfinite(monthlyUsd) ? null : round(monthlyUsd))
        .put("tokens-per-minute", tokensPerMinute == Long.MAX_VALUE ? null : tokensPerMinute);
  }

  /** Micro-dollar precision, enough for prices per token and free of binary noise in JSON. */
  static double round(double usd) {
    return Math.round(Math.max(0, usd) * 1_000_000d) / 1_000_000d;
  }
}
