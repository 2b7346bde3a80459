package dev.rampart.plugins.router.adaptive;

import dev.rampart.plugins.router.support.SettingsValues;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Settings of an {@code adaptive} instance, and of a tenant's {@code llm.router} (same keys; the
 * tenant's win, {@code weights} and {@code domains} entry by entry). See {@link #schema()}.
 *
 * @param tiers smallest first
 * @param threshold with two tiers, the score above which the large tier is chosen
 * @param weights the logistic score's weights
 * @param domains domain name → keywords or phrases (matched as whole words, any case)
 * @param noveltyWindow how many recent requests per tenant novelty compares against
 * @param failureAlpha weight of each new outcome in the per-model failure-rate average
 * @param earlyExitMaxTokens strict-JSON requests up to this many prompt tokens skip scoring
 * @param canary the tenant's canary, if any
 * @param maxTenants how many tenants' state is kept
 */
record AdaptiveSettings(
    List<TierSpec> tiers,
    double threshold,
    ScoreWeights weights,
    Map<String, List<String>> domains,
    int noveltyWindow,
    double failureAlpha,
    int earlyExitMaxTokens,
    Optional<CanarySettings> canary,
    int maxTenants) {

  static final Map<String, List<String>> DEFAULT_DOMAINS = Map.of(
      "code", List.of("code", "function", "class", "compile", "compiler", "stack trace", "exception", "bug",
          "refactor", "regex", "sql", "python", "java", "javascript", "typescript", "unit test"),
      "legal", List.of("contract", "clause", "liability", "lawsuit", "statute", "jurisdiction", "indemnity",
          "plaintiff", "defendant", "gdpr", "legal", "attorney", "court"),
      "medical", List.of("diagnosis", "symptom", "symptoms", "dosage", "patient", "prescription", "medication",
          "treatment", "clinical", "disease", "mg", "side effects"));

  AdaptiveSettings {
    tiers = List.copyOf(tiers);
    domains = Map.copyOf(domains);
  }

  /** Parses settings; throws {@link IllegalArgumentException} naming the JSON path of a problem. */
  static AdaptiveSettings parse(JsonObject json) {
    for (String key : json.fieldNames()) {
      if (!List.of("tiers", "threshold", "weights", "domains", "novelty-window", "failure-ewma-alpha",
          "early-exit-max-tokens", "canary", "max-tenants").contains(key)) {
        throw new IllegalArgumentException(key + ": unknown setting");
      }
    }
    double threshold = num(json, "threshold", 0.5, 0, 1);
    List<TierSpec> tiers = tiers(json.getValue("tiers"), threshold);
    Map<String, List<String>> domains = new LinkedHashMap<>(DEFAULT_DOMAINS);
    JsonObject domainJson = SettingsValues.object(json, "domains");
    for (String name : domainJson.fieldNames()) {
      domains.put(name, SettingsValues.texts("domains." + name, domainJson.getValue(name), "strings"));
    }
    return new AdaptiveSettings(
        tiers,
        threshold,
        weights(SettingsValues.object(json, "weights")),
        domains,
        (int) num(json, "novelty-window", 64, 1, 4096),
        num(json, "failure-ewma-alpha", 0.1, Double.MIN_VALUE, 1),
        (int) num(json, "early-exit-max-tokens", 4000, 0, Integer.MAX_VALUE),
        json.getValue("canary") == null ? Optional.empty() : Optional.of(canary(SettingsValues.object(json, "canary"))),
        (int) num(json, "max-tenants", 1024, 1, 1_000_000));
  }

  private static List<TierSpec> tiers(Object value, double threshold) {
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw new IllegalArgumentException("tiers: needs at least one tier, smallest first");
    }
    List<TierSpec> tiers = new ArrayList<>();
    double previous = -1;
    for (int i = 0; i < array.size(); i++) {
      String at = "tiers[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject tier)) {
        throw new IllegalArgumentException(at + ": must be {name, models}");
      }
      for (String key : tier.fieldNames()) {
        if (!List.of("name", "models", "max-score").contains(key)) {
          throw new IllegalArgumentException(at + "." + key + ": unknown setting");
        }
      }
      boolean last = i == array.size() - 1;
      double fallback = last ? 1.0 : i == 0 ? threshold : Double.NaN;
      double maxScore = tier.containsKey("max-score") ? num(tier, "max-score", 0, 0, 1) : fallback;
      if (Double.isNaN(maxScore)) {
        throw new IllegalArgumentException(at + ".max-score: a middle tier needs its own max-score");
      }
      if (maxScore < previous) {
        throw new IllegalArgumentException(at + ".max-score: must not be below the previous tier's");
      }
      previous = maxScore;
      List<String> models = SettingsValues.texts(at + ".models", tier.getValue("models"), "strings");
      if (models.isEmpty()) {
        throw new IllegalArgumentException(at + ".models: needs at least one target");
      }
      tiers.add(new TierSpec(SettingsValues.text(at + ".name", tier.getValue("name")), models, last ? 1.0 : maxScore));
    }
    return tiers;
  }

  private static ScoreWeights weights(JsonObject w) {
    ScoreWeights d = ScoreWeights.DEFAULTS;
    for (String key : w.fieldNames()) {
      if (!List.of("bias", "tokens", "json", "tools", "novelty", "failure-rate", "domains").contains(key)) {
        throw new IllegalArgumentException("weights." + key + ": unknown weight");
      }
    }
    Map<String, Double> domains = new LinkedHashMap<>(d.domains());
    JsonObject domainWeights = SettingsValues.object(w, "domains");
    for (String name : domainWeights.fieldNames()) {
      domains.put(name, num(domainWeights, name, 0, -100, 100));
    }
    return new ScoreWeights(
        num(w, "bias", d.bias(), -100, 100),
        num(w, "tokens", d.tokens(), -100, 100),
        num(w, "json", d.json(), -100, 100),
        num(w, "tools", d.tools(), -100, 100),
        num(w, "novelty", d.novelty(), -100, 100),
        num(w, "failure-rate", d.failureRate(), -100, 100),
        domains);
  }

  private static CanarySettings canary(JsonObject c) {
    for (String key : c.fieldNames()) {
      if (!List.of("model", "share", "bounds", "min-samples", "window").contains(key)) {
        throw new IllegalArgumentException("canary." + key + ": unknown setting");
      }
    }
    JsonObject bounds = SettingsValues.object(c, "bounds");
    for (String key : bounds.fieldNames()) {
      if (!List.of("max-error-rate", "max-p95-latency-ms", "min-quality").contains(key)) {
        throw new IllegalArgumentException("canary.bounds." + key + ": unknown bound");
      }
    }
    int minSamples = (int) num(c, "min-samples", CanarySettings.DEFAULT_MIN_SAMPLES, 1, 100_000);
    int window = (int) num(c, "window", Math.max(CanarySettings.DEFAULT_WINDOW, minSamples), 1, 100_000);
    if (window < minSamples) {
      throw new IllegalArgumentException("canary.window: must be at least min-samples (" + minSamples + ")");
    }
    return new CanarySettings(
        SettingsValues.text("canary.model", c.getValue("model")),
        num(c, "share", 0.05, 0, 1),
        optional(bounds, "max-error-rate", 0, 1),
        optional(bounds, "max-p95-latency-ms", 0, Double.MAX_VALUE),
        optional(bounds, "min-quality", 0, 1),
        minSamples,
        window);
  }

  private static OptionalDouble optional(JsonObject o, String key, double min, double max) {
    return o.containsKey(key) ? OptionalDouble.of(num(o, key, 0, min, max)) : OptionalDouble.empty();
  }

  private static double num(JsonObject o, String key, double fallback, double min, double max) {
    Object value = o.getValue(key);
    return value == null ? fallback : SettingsValues.number(key, value, min, max);
  }

  /** JSON Schema (draft 2020-12) of these settings; tenant {@code llm.router} settings share it. */
  static JsonObject schema() {
    JsonObject number = new JsonObject().put("type", "number");
    JsonObject strings = new JsonObject().put("type", "array").put("items", new JsonObject().put("type", "string").put("minLength", 1));
    JsonObject probability = new JsonObject().put("type", "number").put("minimum", 0).put("maximum", 1);
    JsonObject tier = new JsonObject().put("type", "object").put("additionalProperties", false)
        .put("required", new JsonArray().add("name").add("models"))
        .put("properties", new JsonObject()
            .put("name", new JsonObject().put("type", "string").put("minLength", 1))
            .put("models", strings.copy().put("minItems", 1))
            .put("max-score", probability));
    JsonObject weights = new JsonObject().put("type", "object").put("additionalProperties", false)
        .put("properties", new JsonObject().put("bias", number).put("tokens", number).put("json", number)
            .put("tools", number).put("novelty", number).put("failure-rate", number)
            .put("domains", new JsonObject().put("type", "object").put("additionalProperties", number)));
    JsonObject canary = new JsonObject().put("type", "object").put("additionalProperties", false)
        .put("required", new JsonArray().add("model"))
        .put("properties", new JsonObject()
            .put("model", new JsonObject().put("type", "string").put("minLength", 1))
            .put("share", probability)
            .put("bounds", new JsonObject().put("type", "object").put("additionalProperties", false)
                .put("properties", new JsonObject()
                    .put("max-error-rate", probability)
                    .put("max-p95-latency-ms", new JsonObject().put("type", "number").put("minimum", 0))
                    .put("min-quality", probability)))
            .put("min-samples", new JsonObject().put("type", "integer").put("minimum", 1))
            .put("window", new JsonObject().put("type", "integer").put("minimum", 1)));
    return new JsonObject()
        .put("$schema", "https://json-schema.org/draft/2020-12/schema")
        .put("type", "object").put("additionalProperties", false)
        .put("required", new JsonArray().add("tiers"))
        .put("properties", new JsonObject()
            .put("tiers", new JsonObject().put("type", "array").put("minItems", 1).put("items", tier))
            .put("threshold", probability)
            .put("weights", weights)
            .put("domains", new JsonObject().put("type", "object").put("additionalProperties", strings))
            .put("novelty-window", new JsonObject().put("type", "integer").put("minimum", 1).put("maximum", 4096))
            .put("failure-ewma-alpha", new JsonObject().put("type", "number").put("exclusiveMinimum", 0).put("maximum", 1))
            .put("early-exit-max-tokens", new JsonObject().put("type", "integer").put("minimum", 0))
            .put("canary", canary)
            .put("max-tenants", new JsonObject().put("type", "integer").put("minimum", 1)));
  }
}
