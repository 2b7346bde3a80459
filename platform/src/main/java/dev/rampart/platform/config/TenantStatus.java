package dev.rampart.platform.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the registry knows about one tenant file, for operators (admin API, health detail).
 *
 * @param tenantId the id in force, or the one the file declares, or the file name stem
 * @param file the tenant file
 * @param state {@link State#LOADED}, {@link State#INVALID} or {@link State#REMOVED}
 * @param lastLoaded when the config now in force for this file was loaded; empty if none ever was
 * @param problems why the file's current content is refused; empty when it is in force
 */
public record TenantStatus(String tenantId, Path file, State state, Optional<Instant> lastLoaded, List<String> problems) {

  public TenantStatus {
    problems = List.copyOf(problems);
  }

  /** Lifecycle of a tenant file. */
  public enum State {
    /** The file's current content is in force. */
    LOADED,
    /** The file's current content is refused; the last good config, if any, stays in force. */
    INVALID,
    /** The file was deleted; the tenant is gone. */
    REMOVED;

    /** {@code loaded}, {@code invalid} or {@code removed}. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Kebab-case JSON for the admin API. */
  public JsonObject toJson() {
    var json = new JsonObject()
        .put("tenant-id", tenantId)
        .put("file", ConfigFiles.label(file))
        .put("state", state.wireName())
        .put("problems", new JsonArray(problems));
    lastLoaded.ifPresent(t -> json.put("last-loaded", t.toString()));
    return json;
  }
}
