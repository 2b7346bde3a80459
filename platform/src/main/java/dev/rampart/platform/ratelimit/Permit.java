package dev.rampart.platform.ratelimit;

/**
 * An admitted request, holding one of the tenant's in-flight slots until
 * {@link Limiter#release(Permit)}.
 *
 * @param id unique per admission, so a release is idempotent
 * @param tenantId the tenant
 */
public record Permit(String id, String tenantId) {}
