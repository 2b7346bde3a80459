package dev.rampart.plugins.router.rules;

import dev.rampart.plugins.router.support.SettingsValues;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Settings of a {@code rules} instance, and of a tenant's {@code llm.router} (same keys; see
 * {@link #schema()}).
 *
 * @param aliases alias name → rule
 * @param defaultModel alias or target used when the client names no model or {@code auto}
 * @param latencyHints expected latency in ms by {@code provider/model} or model id, before any is
 *     observed; key {@code *} is the default for every other model
 * @param latencyAlpha weight of each new latency sample in the moving average
 * @param seed seeds the weighted choice, for reproducible runs; absent = random
 * @param maxTenants how many tenants' parsed settings are cached
 */
record RulesSettings(
    Map<String, AliasRule> aliases,
    Optional<String> defaultModel,
    Map<String, Double> latencyHints,
    double latencyAlpha,
    OptionalLong seed,
    int maxTenants) {

  static final double DEFAULT_LATENCY_HINT_MS = 1000;
  static final double DEFAULT_LATENCY_ALPHA = 0.2;
  static final int DEFAULT_MAX_TENANTS = 1024;

  RulesSettings {
    aliases = Map.copyOf(aliases);
    latencyHints = Map.copyOf(latencyHints);
  }

  /** The latency hint for a model: by {@code provider/model}, by model id, by {@code *}, or 1 s. */
  double latencyHint(String provider, String model) {
    Double hint = latencyHints.get(provider + "/" + model);
    if (hint == null) {
      hint = latencyHints.get(model);
    }
    if (hint == null) {
      hint = latencyHints.get("*");
    }
    return hint == null ? DEFAULT_LATENCY_HINT_MS : hint;
  }

  /**
   * Parses settings.
   *
   * @throws IllegalArgumentException naming the JSON path of the first problem
   */
  static RulesSettings parse(JsonObject json) {
    for (String key : json.fieldNames()) {
      if (!List.of("aliases", "default", "latency-hint-ms", "latency-ewma-alpha", "seed", "max-tenants").contains(key)) {
        throw new IllegalArgumentException(key + ": unknown setting");
      }
    }
    Map<String, AliasRule> aliases = new LinkedHashMap<>();
    JsonObject aliasJson = SettingsValues.object(json, "aliases");
    for (String name : aliasJson.fieldNames()) {
      aliases.put(name, alias("aliases." + name, aliasJson.getValue(name)));
    }
    Optional<String> defaultModel = Optional.ofNullable(json.getValue("default")).map(v -> SettingsValues.text("default", v));
    Map<String, Double> hints = new LinkedHashMap<>();
    JsonObject hintJson = SettingsValues.object(json, "latency-hint-ms");
    for (String key : hintJson.fieldNames()) {
      hints.put(key, SettingsValues.number("latency-hint-ms." + key, hintJson.getValue(key), 0, Double.MAX_VALUE));
    }
    double alpha = json.containsKey("latency-ewma-alpha")
        ? SettingsValues.number("latency-ewma-alpha", json.getValue("latency-ewma-alpha"), Double.MIN_VALUE, 1)
        : DEFAULT_LATENCY_ALPHA;
    OptionalLong seed = json.getValue("seed") instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    if (json.containsKey("seed") && seed.isEmpty()) {
      throw new IllegalArgumentException("seed: must be an integer");
    }
    int maxTenants = json.containsKey("max-tenants")
        ? (int) SettingsValues.number("max-tenants", json.getValue("max-tenants"), 1, 1_000_000)
        : DEFAULT_MAX_TENANTS;
    return new RulesSettings(aliases, defaultModel, hints, alpha, seed, maxTenants);
  }

  private static AliasRule alias(String path, Object value) {
    if (value instanceof String target) {
      return new AliasRule.Direct(SettingsValues.text(path, target));
    }
    if (value instanceof JsonArray entries) {
      if (entries.isEmpty()) {
        throw new IllegalArgumentException(path + ": a weighted list needs at least one entry");
      }
      List<AliasRule.WeightedTarget> weighted = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        String at = path + "[" + i + "]";
        if (!(entries.getValue(i) instanceof JsonObject entry)) {
          throw new IllegalArgumentException(at + ": must be {target, weight}");
        }
        weighted.add(new AliasRule.WeightedTarget(
            SettingsValues.text(at + ".target", entry.getValue("target")),
            SettingsValues.number(at + ".weight", entry.getValue("weight"), Double.MIN_VALUE, Double.MAX_VALUE)));
      }
      return new AliasRule.Weighted(weighted);
    }
    if (value instanceof JsonObject rule && rule.size() == 1) {
      String kind = rule.fieldNames().iterator().next();
      Object body = rule.getValue(kind);
      switch (kind) {
        case "failover" -> {
          List<String> targets = SettingsValues.texts(path + ".failover", body, "targets");
          if (targets.isEmpty()) {
            throw new IllegalArgumentException(path + ".failover: needs at least one target");
          }
          return new AliasRule.Failover(targets);
        }
        case "cheapest" -> {
          return new AliasRule.Strategy(AliasRule.Kind.CHEAPEST, constraints(path + ".cheapest", body));
        }
        case "fastest" -> {
          return new AliasRule.Strategy(AliasRule.Kind.FASTEST, constraints(path + ".fastest", body));
        }
        default -> { /* reported below */ }
      }
    }
    throw new IllegalArgumentException(path
        + ": must be a target, a list of {target, weight}, {failover: [...]}, {cheapest: {...}} or {fastest: {...}}");
  }

  private static StrategyConstraints constraints(String path, Object body) {
    if (!(body instanceof JsonObject c)) {
      throw new IllegalArgumentException(path + ": must be an object of constraints (may be empty)");
    }
    for (String key : c.fieldNames()) {
      if (!List.of("among", "min-context-window", "tools", "json-mode", "expected-output-tokens").contains(key)) {
        throw new IllegalArgumentException(path + "." + key + ": unknown constraint");
      }
    }
    return new StrategyConstraints(
        c.containsKey("among") ? SettingsValues.texts(path + ".among", c.getValue("among"), "targets") : List.of(),
        c.containsKey("min-context-window") ? (int) SettingsValues.number(path + ".min-context-window", c.getValue("min-context-window"), 0, Integer.MAX_VALUE) : 0,
        SettingsValues.flag(path + ".tools", c.getValue("tools")),
        SettingsValues.flag(path + ".json-mode", c.getValue("json-mode")),
        c.containsKey("expected-output-tokens")
            ? (int) SettingsValues.number(path + ".expected-output-tokens", c.getValue("expected-output-tokens"), 0, Integer.MAX_VALUE)
            : StrategyConstraints.DEFAULT_EXPECTED_OUTPUT_TOKENS);
  }






  /** JSON Schema (draft 2020-12) of these settings; tenant {@code llm.router} settings share it. */
  static JsonObject schema() {
    JsonObject target = new JsonObject().put("type", "string").put("minLength", 1)
        .put("description", "provider/model, or a model id served by any allowed provider");
    JsonObject targets = new JsonObject().put("type", "array").put("items", new JsonObject().put("$ref", "#/$defs/target"));
    JsonObject constraints = new JsonObject()
        .put("type", "object").put("additionalProperties", false)
        .put("properties", new JsonObject()
            .put("among", targets.copy().put("minItems", 1))
            .put("min-context-window", new JsonObject().put("type", "integer").put("minimum", 0))
            .put("tools", new JsonObject().put("type", "boolean"))
            .put("json-mode", new JsonObject().put("type", "boolean"))
            .put("expected-output-tokens", new JsonObject().put("type", "integer").put("minimum", 0)));
    JsonObject weighted = new JsonObject()
        .put("type", "array").put("minItems", 1)
        .put("items", new JsonObject()
            .put("type", "object").put("additionalProperties", false)
            .put("required", new JsonArray().add("target").add("weight"))
            .put("properties", new JsonObject()
                .put("target", new JsonObject().put("$ref", "#/$defs/target"))
                .put("weight", new JsonObject().put("type", "number").put("exclusiveMinimum", 0))));
    JsonObject alias = new JsonObject().put("oneOf", new JsonArray()
        .add(new JsonObject().put("$ref", "#/$defs/target"))
        .add(weighted)
        .add(single("failover", targets.copy().put("minItems", 1)))
        .add(single("cheapest", new JsonObject().put("$ref", "#/$defs/constraints")))
        .add(single("fastest", new JsonObject().put("$ref", "#/$defs/constraints"))));
    return new JsonObject()
        .put("$schema", "https://json-schema.org/draft/2020-12/schema")
        .put("type", "object")
        .put("additionalProperties", false)
        .put("properties", new JsonObject()
            .put("aliases", new JsonObject().put("type", "object").put("additionalProperties", alias))
            .put("default", new JsonObject().put("type", "string").put("minLength", 1))
            .put("latency-hint-ms", new JsonObject().put("type", "object")
                .put("additionalProperties", new JsonObject().put("type", "number").put("minimum", 0)))
            .put("latency-ewma-alpha", new JsonObject().put("type", "number").put("exclusiveMinimum", 0).put("maximum", 1))
            .put("seed", new JsonObject().put("type", "integer"))
            .put("max-tenants", new JsonObject().put("type", "integer").put("minimum", 1)))
        .put("$defs", new JsonObject().put("target", target).put("constraints", constraints));
  }

  private static JsonObject single(String key, JsonObject valueSchema) {
    return new JsonObject()
        .put("type", "object").put("additionalProperties", false)
        .put("required", new JsonArray().add(key))
        .put("properties", new JsonObject().put(key, valueSchema));
  }
}
