package dev.rampart.platform.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One tenant file from {@code config/tenants/}, validated, env references resolved.
 *
 * @param id tenant id (lowercase letters, digits and dashes); equals the file name's stem
 * @param name display name
 * @param apiKeys keys, stored as SHA-256 hashes; never the keys themselves
 * @param limits the tenant's limits merged over the platform defaults
 * @param conversationTtlHours effective conversation TTL, 0 for never
 * @param settings the rest of the file ({@code llm}, {@code guard}, ...) for later features
 * @param source the file it came from
 */
public record TenantConfig(
    String id,
    String name,
    List<ApiKey> apiKeys,
    JsonObject limits,
    long conversationTtlHours,
    JsonObject settings,
    Path source) {

  /**
   * @param id key id, unique in the tenant, safe to log
   * @param sha256 lowercase hex SHA-256 of the key
   * @param roles any of {@code admin}, {@code operator}, {@code agent}
   * @param revoked a revoked key is refused (as is a token issued for it)
   */
  public record ApiKey(String id, String sha256, Set<String> roles, boolean revoked) {}
}
