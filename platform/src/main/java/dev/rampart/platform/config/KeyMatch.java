package dev.rampart.platform.config;

/**
 * An API key that authenticated: the tenant it belongs to and the key's entry (id, roles).
 *
 * @param tenant the tenant, as configured when the key was checked
 * @param key the matching key; never revoked
 */
public record KeyMatch(TenantConfig tenant, TenantConfig.ApiKey key) {}
