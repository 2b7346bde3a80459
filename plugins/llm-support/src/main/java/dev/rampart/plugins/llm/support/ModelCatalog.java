package dev.rampart.plugins.llm.support;

import dev.rampart.contracts.llm.ModelInfo;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models an instance serves, from its {@code models} setting: upstream model lists do not
 * report prices, context windows or features, so the operator states them. Each entry is
 * {@code {id, context-window, input-price-per-million, output-price-per-million, supports-tools,
 * supports-json-mode}}; only {@code id} is required.
 */
public final class ModelCatalog {

  private static final int DEFAULT_CONTEXT_WINDOW = 8192;

  private final Map<String, ModelInfo> models;

  private ModelCatalog(List<ModelInfo> models) {
    Map<String, ModelInfo> byId = new LinkedHashMap<>();
    models.forEach(m -> byId.put(m.id(), m));
    this.models = byId;
  }

  /** The catalogue from the {@code models} setting, or {@code defaults} when it is absent. */
  public static ModelCatalog from(JsonArray setting, List<ModelInfo> defaults) {
    if (setting == null) {
      return new ModelCatalog(defaults);
    }
    List<ModelInfo> models = new ArrayList<>();
    for (int i = 0; i < setting.size(); i++) {
      models.add(model(setting.getJsonObject(i)));
    }
    return new ModelCatalog(models);
  }

  /** One entry of the setting, with defaults for what it leaves out. */
  public static ModelInfo model(JsonObject entry) {
    return new ModelInfo(
        entry.getString("id"),
        entry.getInteger("context-window", DEFAULT_CONTEXT_WINDOW),
        entry.getDouble("input-price-per-million", 0d),
        entry.getDouble("output-price-per-million", 0d),
        entry.getBoolean("supports-tools", true),
        entry.getBoolean("supports-json-mode", true));
  }

  /** Every model, in configured order. */
  public List<ModelInfo> all() {
    return List.copyOf(models.values());
  }

  /** The model named {@code id}. */
  public Optional<ModelInfo> find(String id) {
    return Optional.ofNullable(models.get(id));
  }

  /** Whether no model is configured. */
  public boolean isEmpty() {
    return models.isEmpty();
  }

  /** JSON Schema of the {@code models} setting. */
  public static JsonObject schema() {
    JsonObject entry = new JsonObject()
        .put("type", "object")
        .put("required", new JsonArray().add("id"))
        .put("additionalProperties", false)
        .put("properties", new JsonObject()
            .put("id", new JsonObject().put("type", "string").put("minLength", 1))
            .put("context-window", new JsonObject().put("type", "integer").put("minimum", 1))
            .put("input-price-per-million", new JsonObject().put("type", "number").put("minimum", 0))
            .put("output-price-per-million", new JsonObject().put("type", "number").put("minimum", 0))
            .put("supports-tools", new JsonObject().put("type", "boolean"))
            .put("supports-json-mode", new JsonObject().put("type", "boolean")));
    return new JsonObject()
        .put("type", "array")
        .put("description", "models this instance serves, with limits and prices the upstream does not report")
        .put("items", entry);
  }
}
