package dev.rampart.plugins.pii;

import dev.rampart.plugins.pii.engine.EngineOptions;
import dev.rampart.plugins.pii.engine.EntityType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The settings of one {@code pii-patterns} instance, as written under {@code settings:} in the
 * platform configuration. Every key is optional:
 *
 * <pre>
 * entity-types:  [EMAIL, CREDIT_CARD, ...]   # default: every type this detector knows
 * min-score:     0.5                         # findings scoring lower are dropped
 * injection:     true                        # prompt-injection heuristics on or off
 * default-region: US                         # phone numbers without a country code
 * phone-regions: [GB, DE, ...]               # also tried for national numbers starting with 0
 * </pre>
 *
 * @param entityTypes the types to report ({@code PROMPT_INJECTION} is governed by {@code injection})
 * @param minScore threshold from 0 to 1
 * @param injection whether prompt-injection detection runs
 * @param defaultRegion ISO 3166-1 alpha-2 region
 * @param phoneRegions further regions for national-format phone numbers
 */
public record DetectorSettings(
    Set<EntityType> entityTypes, double minScore, boolean injection, String defaultRegion, List<String> phoneRegions) {

  /** Reads settings, applying defaults; throws {@link IllegalArgumentException} naming the bad key. */
  public static DetectorSettings from(JsonObject json) {
    JsonObject settings = json == null ? new JsonObject() : json;
    for (String key : settings.fieldNames()) {
      if (!List.of("entity-types", "min-score", "injection", "default-region", "phone-regions").contains(key)) {
        throw new IllegalArgumentException("unknown setting '" + key + "'");
      }
    }
    Set<EntityType> types = EnumSet.allOf(EntityType.class);
    types.remove(EntityType.PROMPT_INJECTION);
    JsonArray listed = array(settings, "entity-types");
    if (listed != null) {
      types = EnumSet.noneOf(EntityType.class);
      for (Object name : listed) {
        try {
          types.add(EntityType.valueOf(String.valueOf(name)));
        } catch (IllegalArgumentException unknown) {
          throw new IllegalArgumentException("entity-types: unknown type '" + name + "'");
        }
      }
      types.remove(EntityType.PROMPT_INJECTION);
    }
    Object score = settings.getValue("min-score", 0.5);
    if (!(score instanceof Number) || ((Number) score).doubleValue() < 0 || ((Number) score).doubleValue() > 1) {
      throw new IllegalArgumentException("min-score: must be a number from 0 to 1");
    }
    Object injection = settings.getValue("injection", Boolean.TRUE);
    if (!(injection instanceof Boolean)) {
      throw new IllegalArgumentException("injection: must be true or false");
    }
    String region = region(settings.getValue("default-region", "US"), "default-region");
    List<String> regions = new ArrayList<>();
    JsonArray phoneRegions = array(settings, "phone-regions");
    for (Object r : phoneRegions == null ? new JsonArray(EngineOptions.DEFAULT_OTHER_REGIONS) : phoneRegions) {
      regions.add(region(r, "phone-regions"));
    }
    return new DetectorSettings(types, ((Number) score).doubleValue(), (Boolean) injection, region, regions);
  }

  /** The engine options these settings describe, for the instance named {@code instanceName}. */
  public EngineOptions toEngineOptions(String instanceName) {
    Set<EntityType> enabled = EnumSet.noneOf(EntityType.class);
    enabled.addAll(entityTypes);
    if (injection) {
      enabled.add(EntityType.PROMPT_INJECTION);
    }
    return new EngineOptions(enabled, minScore, defaultRegion, phoneRegions, instanceName);
  }

  /** JSON Schema (draft 2020-12) of the settings. */
  public static JsonObject schema() {
    JsonArray typeNames = new JsonArray();
    for (EntityType t : EntityType.values()) {
      typeNames.add(t.name());
    }
    JsonObject regionSchema = new JsonObject().put("type", "string").put("pattern", "^[A-Z]{2}$");
    return new JsonObject()
        .put("$schema", "https://json-schema.org/draft/2020-12/schema")
        .put("type", "object")
        .put("additionalProperties", false)
        .put("properties", new JsonObject()
            .put("entity-types", new JsonObject().put("type", "array").put("uniqueItems", true)
                .put("items", new JsonObject().put("enum", typeNames))
                .put("description", "Entity types to report; default all. PROMPT_INJECTION follows 'injection'."))
            .put("min-score", new JsonObject().put("type", "number").put("minimum", 0).put("maximum", 1).put("default", 0.5)
                .put("description", "Findings scoring below this are dropped."))
            .put("injection", new JsonObject().put("type", "boolean").put("default", true)
                .put("description", "Whether prompt-injection heuristics run."))
            .put("default-region", regionSchema.copy().put("default", "US")
                .put("description", "ISO 3166-1 region for phone numbers written without a country code."))
            .put("phone-regions", new JsonObject().put("type", "array").put("items", regionSchema.copy())
                .put("description", "Further regions tried for national phone numbers that start with a trunk 0.")));
  }

  private static JsonArray array(JsonObject settings, String key) {
    Object v = settings.getValue(key);
    if (v != null && !(v instanceof JsonArray)) {
      throw new IllegalArgumentException(key + ": must be an array");
    }
    return (JsonArray) v;
  }

  private static String region(Object value, String key) {
    if (!(value instanceof String) || !((String) value).matches("[A-Za-z]{2}")) {
      throw new IllegalArgumentException(key + ": must be a two-letter region code");
    }
    return ((String) value).toUpperCase(Locale.ROOT);
  }
}
