package dev.rampart.platform.llm;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's {@code llm} section.
 *
 * @param providers provider instances the tenant may use, in preference order
 * @param router its router policy instance, if it names one
 * @param routerSettings handed to the router with every request
 * @param resilience retry and timeout overrides
 * @param providerResilience the same per provider
 */
public record TenantLlm(
    List<String> providers, Optional<String> router, JsonObject routerSettings, JsonObject resilience,
    JsonObject providerResilience) {

  public TenantLlm {
    providers = List.copyOf(providers);
  }

  /** From the tenant config's {@code llm} object (schema-checked, defaults applied). */
  public static TenantLlm from(JsonObject llm) {
    JsonObject section = llm == null ? new JsonObject() : llm;
    List<String> providers = new ArrayList<>();
    section.getJsonArray("providers", new io.vertx.core.json.JsonArray()).forEach(p -> providers.add((String) p));
    return new TenantLlm(providers, Optional.ofNullable(section.getString("router")),
        section.getJsonObject("router-settings", new JsonObject()),
        section.getJsonObject("resilience", new JsonObject()),
        section.getJsonObject("provider-resilience", new JsonObject()));
  }

  /** Alias names the tenant's router settings define ({@code aliases: {name: ...}}). */
  public List<String> aliases() {
    return aliasesOf(routerSettings);
  }

  /** Alias names of a router settings object ({@code aliases: {name: ...}}), in their order. */
  static List<String> aliasesOf(JsonObject routerSettings) {
    return routerSettings.getValue("aliases") instanceof JsonObject aliases ? List.copyOf(aliases.fieldNames()) : List.of();
  }
}
