package dev.rampart.plugins.embedded;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Settings of an {@code embedded} instance.
 *
 * @param folder where the database files live (absolute)
 * @param poolSize how many JDBC connections to keep open
 */
record EmbeddedSettings(Path folder, int poolSize) {

  static final int DEFAULT_POOL_SIZE = 4;
  static final int MAX_POOL_SIZE = 16;

  /** JSON Schema of the settings, as {@link EmbeddedPersistence#settingsSchema()} declares it. */
  static JsonObject schema() {
    return new JsonObject()
        .put("$schema", "https://json-schema.org/draft/2020-12/schema")
        .put("type", "object")
        .put("properties", new JsonObject()
            .put("path", new JsonObject().put("type", "string").put("minLength", 1)
                .put("description", "Folder for the database files; relative paths resolve against the "
                    + "instance's data directory. Default: the data directory itself."))
            .put("pool-size", new JsonObject().put("type", "integer").put("minimum", 1).put("maximum", MAX_POOL_SIZE)
                .put("default", DEFAULT_POOL_SIZE)
                .put("description", "Open JDBC connections; concurrent calls beyond this wait for one.")))
        .put("additionalProperties", false)
        .put("required", new JsonArray());
  }

  /**
   * Reads settings already validated by the kernel; checks again because a plugin may be driven
   * by tests or tools that skip validation.
   */
  static EmbeddedSettings from(JsonObject settings, Path dataDirectory) {
    Object path = settings.getValue("path");
    Object poolSize = settings.getValue("pool-size", DEFAULT_POOL_SIZE);
    if (path != null && !(path instanceof String && !((String) path).isEmpty())) {
      throw invalid("path must be a non-empty string");
    }
    if (!(poolSize instanceof Integer) || (Integer) poolSize < 1 || (Integer) poolSize > MAX_POOL_SIZE) {
      throw invalid("pool-size must be an integer from 1 to " + MAX_POOL_SIZE);
    }
    try {
      Path folder = path == null ? dataDirectory : dataDirectory.resolve((String) path);
      return new EmbeddedSettings(folder.toAbsolutePath().normalize(), (Integer) poolSize);
    } catch (InvalidPathException e) {
      throw invalid("path is not a valid folder name");
    }
  }

  private static RampartException invalid(String detail) {
    return new RampartException(ErrorCode.VALIDATION_FAILED, "embedded persistence settings: " + detail);
  }
}
