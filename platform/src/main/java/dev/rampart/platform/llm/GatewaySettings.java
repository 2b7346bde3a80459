package dev.rampart.platform.llm;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * The platform's {@code llm} section of {@code rampart.yaml}.
 *
 * @param defaultRouter router policy instance for tenants that name none; empty for direct routing
 * @param completionEstimateTokens completion tokens assumed for budgets without {@code max_tokens}
 * @param modelsCacheMs how long a provider's model list is reused
 * @param resilience the platform-wide resilience layer
 * @param providerResilience resilience layers per provider instance name
 */
public record GatewaySettings(
    Optional<String> defaultRouter,
    int completionEstimateTokens,
    long modelsCacheMs,
    JsonObject resilience,
    JsonObject providerResilience) {

  /** From the section with schema defaults applied. */
  public static GatewaySettings from(JsonObject llm) {
    return new GatewaySettings(
        Optional.ofNullable(llm.getString("router")),
        llm.getInteger("completion-estimate-tokens", 256),
        llm.getLong("models-cache-ms", 60_000L),
        llm.getJsonObject("resilience", new JsonObject()).copy(),
        llm.getJsonObject("provider-resilience", new JsonObject()).copy());
  }

  /** The provider-wide settings (breaker, bulkhead), which tenants cannot change. */
  Resilience forProvider(String provider) {
    return Resilience.merge(resilience, providerResilience.getJsonObject(provider));
  }

  /** Everything for one tenant's call to one provider. */
  Resilience forCall(String provider, TenantLlm tenant) {
    return Resilience.merge(resilience, providerResilience.getJsonObject(provider), tenant.resilience(),
        tenant.providerResilience().getJsonObject(provider));
  }
}
