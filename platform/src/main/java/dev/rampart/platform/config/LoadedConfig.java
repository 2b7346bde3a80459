package dev.rampart.platform.config;

import java.util.List;

/** TEMPORARY STUB — replaced by the config branch. */
public record LoadedConfig(PlatformConfig platform, List<TenantConfig> tenants, long tenantsReloadMs) {
  public static LoadedConfig load(java.nio.file.Path file, java.util.Map<String, String> env) { throw new UnsupportedOperationException(); }
}
