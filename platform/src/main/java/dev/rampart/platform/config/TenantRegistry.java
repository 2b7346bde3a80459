package dev.rampart.platform.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/** TEMPORARY STUB — replaced by the config branch. */
public final class TenantRegistry {
  public record KeyMatch(TenantConfig tenant, TenantConfig.ApiKey key) {}
  public record TenantStatus(String id) { public JsonObject toJson() { return new JsonObject().put("id", id); } }
  private final List<TenantConfig> tenants;
  public TenantRegistry(List<TenantConfig> tenants) { this.tenants = tenants; }
  public static TenantRegistry of(LoadedConfig c) { return new TenantRegistry(c.tenants()); }
  public Optional<TenantConfig> tenant(String id) { return tenants.stream().filter(t -> t.id().equals(id)).findFirst(); }
  public Optional<KeyMatch> authenticate(String presented) { return Optional.empty(); }
  public Optional<TenantConfig.ApiKey> key(String tenantId, String keyId) { return Optional.empty(); }
  public List<TenantStatus> statuses() { return List.of(); }
  public Future<Void> watch(Vertx v, long ms) { return Future.succeededFuture(); }
  public Future<Void> stopWatching() { return Future.succeededFuture(); }
}
