package dev.rampart.platform.config;

import java.util.List;
import java.util.Optional;

/**
 * Everything read from {@code config/} at boot.
 *
 * @param platform {@code rampart.yaml}
 * @param tenants every tenant file, sorted by file name
 * @param tenantsReloadMs how often {@link TenantRegistry#watch} should rescan the tenant folder
 *     ({@code tenants-reload-ms}); 0 means never
 */
public record LoadedConfig(PlatformConfig platform, List<TenantConfig> tenants, long tenantsReloadMs) {

  public LoadedConfig {
    tenants = List.copyOf(tenants);
  }

  /** The tenant with this id. */
  public Optional<TenantConfig> tenant(String id) {
    return tenants.stream().filter(t -> t.id().equals(id)).findFirst();
  }
}
