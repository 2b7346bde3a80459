package dev.rampart.plugins.router.support;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.function.Function;

/**
 * Effective settings per tenant: the instance's settings with the tenant's {@code llm.router}
 * settings laid over them, parsed once and reused while the tenant's settings stay the same.
 *
 * <p>Overlay rule: a tenant key replaces the instance key, except for the keys named as maps
 * (e.g. {@code aliases}), which are merged entry by entry so a tenant can add or replace one alias
 * and keep the rest.
 *
 * @param <T> the parsed settings type
 */
public final class TenantSettings<T> {

  private record Parsed<T>(JsonObject source, T value) {}

  private final JsonObject instanceSettings;
  private final Set<String> mapKeys;
  private final Function<JsonObject, T> parser;
  private final T instanceParsed;
  private final BoundedTable<Parsed<T>> byTenant;

  /**
   * @param instanceSettings the instance's settings (already valid)
   * @param mapKeys keys whose object values merge entry by entry
   * @param parser parses effective settings; throws {@link IllegalArgumentException} on bad input
   * @param maxTenants how many tenants' parsed settings to keep
   */
  public TenantSettings(JsonObject instanceSettings, Set<String> mapKeys, Function<JsonObject, T> parser, int maxTenants) {
    this.instanceSettings = instanceSettings.copy();
    this.mapKeys = Set.copyOf(mapKeys);
    this.parser = parser;
    this.instanceParsed = parser.apply(this.instanceSettings);
    this.byTenant = new BoundedTable<>(maxTenants);
  }

  /** The instance's own parsed settings. */
  public T instance() {
    return instanceParsed;
  }

  /**
   * The effective settings for a tenant.
   *
   * @throws IllegalArgumentException when the tenant's settings are invalid
   */
  public T forTenant(String tenantId, JsonObject tenantSettings) {
    if (tenantSettings == null || tenantSettings.isEmpty()) {
      return instanceParsed;
    }
    Parsed<T> cached = byTenant.peek(tenantId);
    if (cached != null && (cached.source() == tenantSettings || cached.source().equals(tenantSettings))) {
      return cached.value();
    }
    JsonObject source = tenantSettings.copy();
    T parsed = parser.apply(overlay(instanceSettings, source, mapKeys));
    byTenant.put(tenantId, new Parsed<>(source, parsed));
    return parsed;
  }

  /** {@code base} with {@code top} laid over it (see the class comment). */
  public static JsonObject overlay(JsonObject base, JsonObject top, Set<String> mapKeys) {
    JsonObject merged = base.copy();
    for (String key : top.fieldNames()) {
      Object value = top.getValue(key);
      if (mapKeys.contains(key) && value instanceof JsonObject entries && merged.getValue(key) instanceof JsonObject existing) {
        merged.put(key, existing.copy().mergeIn(entries));
      } else {
        merged.put(key, value);
      }
    }
    return merged;
  }
}
