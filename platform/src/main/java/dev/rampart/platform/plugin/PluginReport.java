package dev.rampart.platform.plugin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the runtime knows about one plugin jar, for logs, {@code /health/ready} and the admin API.
 *
 * @param id plugin id, or the file name when the jar has no readable descriptor
 * @param version plugin version, empty if unreadable
 * @param path the jar
 * @param state {@code started}, {@code failed}, {@code disabled} or {@code stopped}
 * @param extensions extension types the plugin contributes
 * @param failure why it failed, if it did
 */
public record PluginReport(
    String id,
    String version,
    Path path,
    String state,
    List<ExtensionType> extensions,
    Optional<String> failure) {

  /**
   * An extension type a plugin contributes.
   *
   * @param kind the extension point
   * @param type its {@code type()} name, which configuration refers to
   * @param className implementing class
   */
  public record ExtensionType(ExtensionKind kind, String type, String className) {}

  public boolean failed() {
    return "failed".equals(state);
  }

  public JsonObject toJson() {
    JsonArray ext = new JsonArray();
    extensions.forEach(
        e -> ext.add(new JsonObject().put("kind", e.kind().wireName()).put("type", e.type()).put("class", e.className())));
    return new JsonObject()
        .put("id", id)
        .put("version", version)
        .put("path", path.toString())
        .put("state", state)
        .put("extensions", ext)
        .put("failure", failure.orElse(null));
  }
}
