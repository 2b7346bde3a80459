/**
 * Configuration: {@code config/rampart.yaml} ({@link dev.rampart.platform.config.PlatformConfig})
 * and one file per tenant in {@code config/tenants/} ({@link dev.rampart.platform.config.TenantConfig}).
 *
 * <p>{@link dev.rampart.platform.config.ConfigLoader} reads and validates both at boot (blocking,
 * no Vert.x) and fails with a {@link dev.rampart.platform.config.ConfigException} listing every
 * problem as {@code file:json-path: message}. {@link dev.rampart.platform.config.TenantRegistry}
 * holds the live tenants, authenticates API keys and reloads tenant files on a worker thread.
 * The schemas are in {@code rampart-contracts} under {@code dev/rampart/contracts/schemas/}.
 */
package dev.rampart.platform.config;
