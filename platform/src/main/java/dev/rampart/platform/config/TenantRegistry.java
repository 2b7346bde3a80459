package dev.rampart.platform.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live set of tenants, kept in step with the tenant folder.
 *
 * <p>Reads ({@link #tenant}, {@link #authenticate}, {@link #key}, {@link #statuses}) are lock-free
 * and non-blocking, safe on an event loop: they see one immutable snapshot, replaced as a whole.
 *
 * <p>Reload: {@link #watch} rescans the folder periodically on a worker thread, {@link #reloadNow}
 * once. A changed valid file replaces its tenant; a changed invalid file (or one that would clash
 * with another tenant's id or key) keeps the last good config and records its problems in
 * {@link #statuses()}; a deleted file removes its tenant; a new valid file adds one. If the folder
 * itself cannot be read, every tenant is kept. Platform limits are those of boot: changing
 * {@code rampart.yaml} needs a restart.
 */
public final class TenantRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(TenantRegistry.class);

  private final Path folder;
  private final PlatformConfig platform;
  private final Map<String, String> env;
  private final Object reloadLock = new Object();
  private final AtomicBoolean reloading = new AtomicBoolean();
  private volatile Snapshot snapshot;
  private Vertx timerVertx;
  private long timerId = -1;

  /**
   * @param loaded the config read at boot; its tenants are live at once
   * @param env the environment tenant files' {@code ${env:...}} references resolve against on reload
   */
  public TenantRegistry(LoadedConfig loaded, Map<String, String> env) {
    this.folder = loaded.platform().tenantsDir();
    this.platform = loaded.platform();
    this.env = Map.copyOf(env);
    Instant now = Instant.now();
    var files = new LinkedHashMap<Path, FileEntry>();
    for (TenantConfig tenant : loaded.tenants()) {
      // No digest yet: the first reload reads each file once more and finds it unchanged.
      files.put(tenant.source(), new FileEntry("",
          new TenantFile(tenant.source(), tenant.id(), Optional.of(tenant), List.of()), Optional.of(tenant),
          new TenantStatus(tenant.id(), tenant.source(), TenantStatus.State.LOADED, Optional.of(now), List.of())));
    }
    this.snapshot = Snapshot.of(files, Map.of());
  }

  /** The tenant with this id. */
  public Optional<TenantConfig> tenant(String id) {
    return Optional.ofNullable(snapshot.byId().get(id));
  }

  /** Every live tenant, sorted by id. */
  public List<TenantConfig> tenants() {
    return snapshot.byId().values().stream().sorted(Comparator.comparing(TenantConfig::id)).toList();
  }

  /**
   * The tenant and key a presented API key belongs to. Empty for an unknown or revoked key.
   * Looked up by its SHA-256, then compared in constant time.
   */
  public Optional<KeyMatch> authenticate(String presentedApiKey) {
    if (presentedApiKey == null || presentedApiKey.isEmpty()) {
      return Optional.empty();
    }
    byte[] digest = ConfigFiles.sha256(presentedApiKey.getBytes(StandardCharsets.UTF_8));
    KeyMatch match = snapshot.byHash().get(HexFormat.of().formatHex(digest));
    if (match == null
        || !MessageDigest.isEqual(digest, HexFormat.of().parseHex(match.key().sha256()))
        || match.key().revoked()) {
      return Optional.empty();
    }
    return Optional.of(match);
  }

  /**
   * A key of a live tenant by id, revoked or not — for re-checking a token's key on each request
   * (a token whose key is revoked or gone must be refused).
   */
  public Optional<TenantConfig.ApiKey> key(String tenantId, String keyId) {
    return tenant(tenantId).flatMap(t -> t.apiKeys().stream().filter(k -> k.id().equals(keyId)).findFirst());
  }

  /** One status per tenant file seen since boot (removed ones included), sorted by file. */
  public List<TenantStatus> statuses() {
    return snapshot.statuses();
  }

  /**
   * Rescans the tenant folder every {@code intervalMs} on a worker thread. A scan is skipped while
   * the previous one still runs. {@code intervalMs <= 0} does nothing.
   *
   * @return succeeded once the timer is set; failed if already watching
   */
  public synchronized Future<Void> watch(Vertx vertx, long intervalMs) {
    if (intervalMs <= 0) {
      return Future.succeededFuture();
    }
    if (timerVertx != null) {
      return Future.failedFuture(new IllegalStateException("already watching " + ConfigFiles.label(folder)));
    }
    timerVertx = vertx;
    timerId = vertx.setPeriodic(intervalMs, id -> {
      if (reloading.compareAndSet(false, true)) {
        reloadNow(vertx)
            .onFailure(e -> LOG.warn("tenant reload failed: {}", e.toString()))
            .onComplete(ar -> reloading.set(false));
      }
    });
    return Future.succeededFuture();
  }

  /** Stops {@link #watch}ing; the current tenants stay. */
  public synchronized Future<Void> stop() {
    if (timerVertx != null) {
      timerVertx.cancelTimer(timerId);
      timerVertx = null;
    }
    return Future.succeededFuture();
  }

  /** Rescans the tenant folder once, on a worker thread; completes when the new set is live. */
  public Future<Void> reloadNow(Vertx vertx) {
    return vertx.executeBlocking(() -> {
      reload();
      return null;
    }, false);
  }

  /** Blocking: reads the folder and publishes the new snapshot. */
  private void reload() {
    synchronized (reloadLock) {
      Snapshot old = snapshot;
      List<Path> paths;
      try {
        paths = TenantSet.files(folder);
      } catch (IOException e) {
        LOG.warn("tenant folder {} cannot be read, keeping every tenant: {}", ConfigFiles.label(folder), e.toString());
        return;
      }
      var parsed = new ArrayList<TenantFile>();
      var digests = new HashMap<Path, String>();
      for (Path path : paths) {
        FileEntry previous = old.files().get(path);
        try {
          byte[] bytes = Files.readAllBytes(path);
          String digest = ConfigFiles.sha256Hex(bytes);
          digests.put(path, digest);
          parsed.add(previous != null && previous.digest().equals(digest)
              ? previous.parsed()
              : TenantFile.read(path, bytes, env, platform));
        } catch (IOException e) {
          digests.put(path, "");
          parsed.add(TenantFile.unreadable(path, e));
        }
      }
      // Clashes are rechecked every time: fixing one file can make an unchanged one valid.
      var lastGood = new HashMap<Path, TenantConfig>();
      old.files().forEach((path, entry) -> entry.good().ifPresent(t -> lastGood.put(path, t)));
      TenantSet set = TenantSet.combine(parsed, lastGood);
      snapshot = next(old, parsed, digests, set, Instant.now());
    }
  }

  private static Snapshot next(Snapshot old, List<TenantFile> parsed, Map<Path, String> digests, TenantSet set, Instant now) {
    var files = new LinkedHashMap<Path, FileEntry>();
    for (TenantFile file : parsed) {
      FileEntry previous = old.files().get(file.file());
      Optional<TenantConfig> live = Optional.ofNullable(set.live().get(file.file()));
      List<String> problems = set.problems().getOrDefault(file.file(), List.of());
      boolean unchanged = previous != null && previous.good().equals(live);
      Optional<Instant> loadedAt = live.isEmpty() ? Optional.empty() : unchanged ? previous.status().lastLoaded() : Optional.of(now);
      var state = problems.isEmpty() ? TenantStatus.State.LOADED : TenantStatus.State.INVALID;
      var status = new TenantStatus(live.map(TenantConfig::id).orElse(file.tenantId()), file.file(), state, loadedAt, problems);
      logChange(previous, status, live, unchanged);
      files.put(file.file(), new FileEntry(digests.get(file.file()), file, live, status));
    }
    var removed = new HashMap<Path, TenantStatus>();
    old.removed().forEach((path, status) -> {
      if (!files.containsKey(path)) {
        removed.put(path, status);
      }
    });
    old.files().forEach((path, entry) -> {
      if (!files.containsKey(path)) {
        LOG.info("tenant {} removed: {} was deleted", entry.status().tenantId(), ConfigFiles.label(path));
        removed.put(path, new TenantStatus(entry.status().tenantId(), path, TenantStatus.State.REMOVED,
            entry.status().lastLoaded(), List.of()));
      }
    });
    return Snapshot.of(files, removed);
  }

  // Problems hold paths, key ids and key hashes, never key material or environment values.
  private static void logChange(FileEntry previous, TenantStatus status, Optional<TenantConfig> live, boolean unchanged) {
    String file = ConfigFiles.label(status.file());
    if (status.state() == TenantStatus.State.LOADED) {
      if (!unchanged) {
        LOG.info("tenant {} {} from {}", status.tenantId(), previous == null ? "added" : "reloaded", file);
      }
    } else if (previous == null || !previous.status().problems().equals(status.problems())) {
      LOG.warn("tenant file {} refused, {}:{}{}", file,
          live.isPresent() ? "keeping the last good config of tenant " + status.tenantId() : "tenant not available",
          System.lineSeparator() + "  ", String.join(System.lineSeparator() + "  ", status.problems()));
    }
  }

  /** What the registry knows about one present file. */
  private record FileEntry(String digest, TenantFile parsed, Optional<TenantConfig> good, TenantStatus status) {}

  /** One immutable view; replaced whole, so readers never see half a reload. */
  private record Snapshot(Map<String, TenantConfig> byId, Map<String, KeyMatch> byHash,
      Map<Path, FileEntry> files, Map<Path, TenantStatus> removed, List<TenantStatus> statuses) {

    static Snapshot of(Map<Path, FileEntry> files, Map<Path, TenantStatus> removed) {
      var byId = new HashMap<String, TenantConfig>();
      var byHash = new HashMap<String, KeyMatch>();
      var statuses = new ArrayList<TenantStatus>(removed.values());
      files.values().forEach(entry -> {
        statuses.add(entry.status());
        entry.good().ifPresent(tenant -> {
          byId.put(tenant.id(), tenant);
          tenant.apiKeys().forEach(key -> byHash.put(key.sha256(), new KeyMatch(tenant, key)));
        });
      });
      statuses.sort(Comparator.comparing(TenantStatus::file));
      return new Snapshot(Map.copyOf(byId), Map.copyOf(byHash), Map.copyOf(files), Map.copyOf(removed), List.copyOf(statuses));
    }
  }
}
