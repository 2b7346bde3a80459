package dev.rampart.plugins.router.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TenantSettingsTest {

  @Test
  void tenantKeysReplaceInstanceKeysAndMapKeysMergeEntryByEntry() {
    JsonObject base = new JsonObject().put("default", "a")
        .put("aliases", new JsonObject().put("fast", "x").put("big", "y"));
    JsonObject top = new JsonObject().put("default", "b").put("aliases", new JsonObject().put("fast", "z"));

    JsonObject merged = TenantSettings.overlay(base, top, Set.of("aliases"));

    assertEquals("b", merged.getString("default"));
    assertEquals(new JsonObject().put("fast", "z").put("big", "y"), merged.getJsonObject("aliases"));
    assertEquals("x", base.getJsonObject("aliases").getString("fast"));
  }

  @Test
  void parsesATenantsSettingsOnceWhileTheyStayTheSame() {
    AtomicInteger parses = new AtomicInteger();
    TenantSettings<JsonObject> settings = new TenantSettings<>(new JsonObject(), Set.of(), json -> {
      parses.incrementAndGet();
      return json;
    }, 8);
    JsonObject tenant = new JsonObject().put("default", "a");

    JsonObject first = settings.forTenant("acme", tenant);
    assertSame(first, settings.forTenant("acme", tenant.copy()));
    settings.forTenant("acme", new JsonObject().put("default", "b"));

    assertEquals(3, parses.get()); // instance settings, then acme twice
  }
}
