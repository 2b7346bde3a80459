package dev.rampart.plugins.llm.offline;

import dev.rampart.contracts.llm.ModelInfo;
import dev.rampart.plugins.llm.support.ModelCatalog;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.OptionalInt;

/**
 * Settings of an {@code offline} instance (defaults in brackets): {@code models}
 * ({@code offline-small}, {@code offline-large}), {@code latency-ms} before the first token (0),
 * {@code tokens-per-second} stream pacing (0: as fast as possible), {@code failure-rate} of calls
 * failed with {@code UPSTREAM_FAILED} on purpose (0), {@code fail-after-chunks} to cut every stream
 * with an error after that many chunks (never), {@code seed} for answers and failures (0).
 *
 * @param models the models it pretends to serve
 * @param latencyMs delay before the first token (or the whole answer)
 * @param tokensPerSecond pace of streams and of complete answers; 0 for no pacing
 * @param failureRate share of calls that fail, 0..1, deterministic given the seed
 * @param failAfterChunks chunks after which every stream fails, if set
 * @param seed varies answers and failures
 */
record OfflineSettings(ModelCatalog models, long latencyMs, double tokensPerSecond, double failureRate, OptionalInt failAfterChunks, long seed) {

  /** Nominal prices, so cost accounting and budgets can be tried without spending anything. */
  static final List<ModelInfo> DEFAULT_MODELS = List.of(
      new ModelInfo("offline-small", 8192, 0.5, 1.5, true, true),
      new ModelInfo("offline-large", 32768, 3.0, 15.0, true, true));

  static OfflineSettings from(JsonObject s) {
    Integer failAfter = s.getInteger("fail-after-chunks");
    return new OfflineSettings(
        ModelCatalog.from(s.getJsonArray("models"), DEFAULT_MODELS),
        s.getLong("latency-ms", 0L),
        s.getDouble("tokens-per-second", 0d),
        s.getDouble("failure-rate", 0d),
        failAfter == null ? OptionalInt.empty() : OptionalInt.of(failAfter),
        s.getLong("seed", 0L));
  }

  static JsonObject schema() {
    return new JsonObject()
        .put("$schema", "https://json-schema.org/draft/2020-12/schema")
        .put("type", "object")
        .put("additionalProperties", false)
        .put("properties", new JsonObject()
            .put("models", ModelCatalog.schema())
            .put("latency-ms", new JsonObject().put("type", "integer").put("minimum", 0))
            .put("tokens-per-second", new JsonObject().put("type", "number").put("minimum", 0))
            .put("failure-rate", new JsonObject().put("type", "number").put("minimum", 0).put("maximum", 1))
            .put("fail-after-chunks", new JsonObject().put("type", "integer").put("minimum", 0))
            .put("seed", new JsonObject().put("type", "integer")));
  }
}
