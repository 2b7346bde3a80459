package dev.rampart.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantRegistryTest {

  @TempDir Path dir;
  private ConfigFixture config;
  private Vertx vertx;
  private TenantRegistry registry;

  @BeforeEach
  void startWithTwoTenants() {
    config = new ConfigFixture(dir)
        .tenantWithKey("acme", "acme-key", false)
        .tenantWithKey("globex", "globex-key", false);
    vertx = Vertx.vertx();
    registry = new TenantRegistry(ConfigLoader.load(config.platformFile, Map.of()), Map.of());
  }

  @AfterEach
  void closeVertx() throws Exception {
    await(registry.stop());
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private TenantStatus status(String fileName) {
    Path file = dir.resolve("tenants").resolve(fileName);
    return registry.statuses().stream().filter(s -> s.file().equals(file)).findFirst().orElseThrow();
  }

  @Test
  void validKeyAuthenticatesAsItsTenantAndKey() {
    KeyMatch match = registry.authenticate("globex-key").orElseThrow();

    assertEquals("globex", match.tenant().id());
    assertEquals("main", match.key().id());
    assertEquals(Optional.of(match.key()), registry.key("globex", "main"));
  }

  @Test
  void unknownOrEmptyKeyDoesNotAuthenticate() {
    assertEquals(Optional.empty(), registry.authenticate("nobody-key"));
    assertEquals(Optional.empty(), registry.authenticate(""));
    assertEquals(Optional.empty(), registry.authenticate(null));
  }

  @Test
  void revokedKeyIsRefusedButStillVisibleForTokenChecks() throws Exception {
    config.tenantWithKey("acme", "acme-key", true);
    await(registry.reloadNow(vertx));

    assertEquals(Optional.empty(), registry.authenticate("acme-key"));
    assertTrue(registry.key("acme", "main").orElseThrow().revoked());
  }

  @Test
  void validChangeIsAppliedOnReload() throws Exception {
    config.tenant("acme.yaml", "id: acme\nname: Acme Renamed\napi-keys:\n"
        + "  - { id: rotated, sha256: " + ConfigFixture.sha256("new-key") + ", roles: [operator] }\n");

    await(registry.reloadNow(vertx));

    assertEquals("Acme Renamed", registry.tenant("acme").orElseThrow().name());
    assertEquals("acme", registry.authenticate("new-key").orElseThrow().tenant().id());
    assertEquals(Optional.empty(), registry.authenticate("acme-key"));
    assertEquals(TenantStatus.State.LOADED, status("acme.yaml").state());
  }

  @Test
  void invalidChangeKeepsTheLastGoodConfigAndReportsItsProblems() throws Exception {
    config.tenant("acme.yaml", "id: acme\nname: Acme\napi-keys: []\n");

    await(registry.reloadNow(vertx));

    assertEquals("acme", registry.authenticate("acme-key").orElseThrow().tenant().id());
    TenantStatus status = status("acme.yaml");
    assertEquals(TenantStatus.State.INVALID, status.state());
    assertEquals(List.of(ConfigFiles.label(status.file()) + ":$.api-keys: must have at least 1 item"), status.problems());
    assertTrue(status.lastLoaded().isPresent());
    assertEquals("invalid", status.toJson().getString("state"));

    config.tenantWithKey("acme", "acme-key", false);
    await(registry.reloadNow(vertx));
    assertEquals(List.of(), status("acme.yaml").problems());
  }

  @Test
  void changeThatReusesAnotherTenantsKeyIsRefused() throws Exception {
    config.tenantWithKey("globex", "acme-key", false);

    await(registry.reloadNow(vertx));

    assertEquals("acme", registry.authenticate("acme-key").orElseThrow().tenant().id());
    assertEquals("globex", registry.authenticate("globex-key").orElseThrow().tenant().id());
    assertEquals(TenantStatus.State.INVALID, status("globex.yaml").state());
  }

  @Test
  void deletedFileRemovesItsTenant() throws Exception {
    config.delete("globex.yaml");

    await(registry.reloadNow(vertx));

    assertEquals(Optional.empty(), registry.tenant("globex"));
    assertEquals(Optional.empty(), registry.authenticate("globex-key"));
    assertEquals(TenantStatus.State.REMOVED, status("globex.yaml").state());
    assertEquals(List.of("acme"), registry.tenants().stream().map(TenantConfig::id).toList());
  }

  @Test
  void newValidFileAddsATenantAndNewInvalidOneIsOnlyReported() throws Exception {
    config.tenantWithKey("initech", "initech-key", false)
        .tenant("broken.yaml", "id: broken\nname: Broken\n");

    await(registry.reloadNow(vertx));

    assertEquals("initech", registry.authenticate("initech-key").orElseThrow().tenant().id());
    assertEquals(Optional.empty(), registry.tenant("broken"));
    TenantStatus broken = status("broken.yaml");
    assertEquals(TenantStatus.State.INVALID, broken.state());
    assertEquals(Optional.empty(), broken.lastLoaded());
    assertEquals(List.of(ConfigFiles.label(broken.file()) + ":$.api-keys: is required"), broken.problems());
  }

  @Test
  void unchangedFilesKeepTheirLoadTime() throws Exception {
    var before = status("acme.yaml").lastLoaded();

    await(registry.reloadNow(vertx));

    assertEquals(before, status("acme.yaml").lastLoaded());
    assertEquals(TenantStatus.State.LOADED, status("acme.yaml").state());
  }
}
