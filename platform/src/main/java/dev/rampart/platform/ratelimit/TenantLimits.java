package dev.rampart.platform.ratelimit;

import io.vertx.core.json.JsonObject;

/**
 * A tenant's limits as the limiter enforces them: its {@code limits} merged over the platform
 * defaults. A token or budget limit of 0 means no limit.
 *
 * @param requestsPerSecond sustained request rate
 * @param burst requests allowed back to back above the rate
 * @param inFlight requests handled at the same time
 * @param tokensPerMinute LLM tokens per minute, 0 for no limit
 * @param dailyBudgetUsd spend per UTC day, 0 for no limit
 * @param monthlyBudgetUsd spend per UTC calendar month, 0 for no limit
 */
public record TenantLimits(
    double requestsPerSecond, int burst, int inFlight, long tokensPerMinute, double dailyBudgetUsd, double monthlyBudgetUsd) {

  /** From the merged {@code limits} object of a tenant config (kebab-case keys). */
  public static TenantLimits from(JsonObject limits) {
    return new TenantLimits(
        limits.getDouble("requests-per-second", 50d),
        limits.getInteger("burst", 100),
        limits.getInteger("in-flight", 20),
        limits.getLong("tokens-per-minute", 0L),
        limits.getDouble("daily-budget-usd", 0d),
        limits.getDouble("monthly-budget-usd", 0d));
  }
}
