package dev.rampart.platform.admin;

import static dev.rampart.contracts.bus.Addresses.ADMIN_PLUGINS;
import static dev.rampart.contracts.bus.Addresses.ADMIN_TENANTS;

import dev.rampart.platform.api.ApiOperation;
import dev.rampart.platform.auth.Caller;
import dev.rampart.platform.config.TenantRegistry;
import dev.rampart.platform.plugin.ExtensionInstances;
import dev.rampart.platform.plugin.PluginReport;
import dev.rampart.platform.plugin.PluginRuntime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * Operator views: plugins (admin or operator) and tenant config status (admin). Plugins and
 * tenants are platform-wide, so these are the only operations not scoped to the caller's tenant;
 * the roles gate them.
 */
public final class AdminOperations {

  private AdminOperations() {}

  public static List<ApiOperation> of(
      PluginRuntime plugins, ExtensionInstances instances, TenantRegistry tenants, Set<String> requiredPlugins) {
    return List.of(
        new ApiOperation("listPlugins", ADMIN_PLUGINS, 200, true, (caller, req) -> {
          caller.require(Caller.ADMIN, Caller.OPERATOR);
          return Future.succeededFuture(pluginList(plugins, instances, requiredPlugins));
        }),
        new ApiOperation("listTenants", ADMIN_TENANTS, 200, true, (caller, req) -> {
          caller.require(Caller.ADMIN);
          JsonArray items = new JsonArray();
          tenants.statuses().forEach(s -> items.add(s.toJson()));
          return Future.succeededFuture(new JsonObject().put("items", items));
        }));
  }

  static JsonObject pluginList(PluginRuntime plugins, ExtensionInstances instances, Set<String> required) {
    JsonArray items = new JsonArray();
    for (PluginReport report : plugins.reports()) {
      JsonArray own = new JsonArray();
      instances.all().stream()
          .filter(i -> i.pluginId().map(report.id()::equals).orElse(false))
          .forEach(i -> own.add(i.toJson()));
      items.add(report.toJson().put("required", required.contains(report.id())).put("instances", own));
    }
    return new JsonObject().put("system-version", plugins.systemVersion()).put("items", items);
  }
}
