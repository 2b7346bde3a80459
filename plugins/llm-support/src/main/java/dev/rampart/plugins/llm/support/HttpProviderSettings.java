package dev.rampart.plugins.llm.support;

import dev.rampart.contracts.llm.ModelInfo;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings every HTTP provider shares (kebab-case keys, defaults in brackets):
 * {@code base-url}, {@code api-keys} ([]: no credential, for local servers), {@code models},
 * {@code connect-timeout-ms} (5000), {@code first-token-timeout-ms} (30000),
 * {@code total-timeout-ms} (120000), {@code bench-seconds} (60),
 * {@code rate-limits-before-bench} (2), {@code max-connections} (50), {@code extra-headers} ({}).
 *
 * @param baseUrl where the API lives, without a trailing slash
 * @param apiKeys keys used round-robin
 * @param models the model catalogue
 * @param connectTimeoutMs limit to get a connection
 * @param firstTokenTimeoutMs limit from sending a streamed request to its first event
 * @param totalTimeoutMs limit for the whole call, streamed or not
 * @param benchSeconds how long a refused or rate-limited key sits out
 * @param rateLimitsBeforeBench consecutive 429s that bench a key
 * @param maxConnections connection pool size per upstream host
 * @param extraHeaders headers added to every request
 */
public record HttpProviderSettings(
    String baseUrl,
    List<String> apiKeys,
    ModelCatalog models,
    long connectTimeoutMs,
    long firstTokenTimeoutMs,
    long totalTimeoutMs,
    long benchSeconds,
    int rateLimitsBeforeBench,
    int maxConnections,
    Map<String, String> extraHeaders) {

  public HttpProviderSettings {
    apiKeys = List.copyOf(apiKeys);
    extraHeaders = Map.copyOf(extraHeaders);
  }

  /** Reads settings already validated against {@link #schemaProperties}. */
  public static HttpProviderSettings from(JsonObject s, String defaultBaseUrl, List<ModelInfo> defaultModels) {
    String base = s.getString("base-url", defaultBaseUrl);
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    List<String> keys = new ArrayList<>();
    s.getJsonArray("api-keys", new JsonArray()).forEach(k -> keys.add((String) k));
    Map<String, String> headers = new LinkedHashMap<>();
    s.getJsonObject("extra-headers", new JsonObject()).forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
    return new HttpProviderSettings(
        base,
        keys,
        ModelCatalog.from(s.getJsonArray("models"), defaultModels),
        s.getLong("connect-timeout-ms", 5000L),
        s.getLong("first-token-timeout-ms", 30_000L),
        s.getLong("total-timeout-ms", 120_000L),
        s.getLong("bench-seconds", 60L),
        s.getInteger("rate-limits-before-bench", 2),
        s.getInteger("max-connections", 50),
        headers);
  }

  /** The JSON Schema properties of these settings; a provider adds its own and wraps them. */
  public static JsonObject schemaProperties() {
    return new JsonObject()
        .put("base-url", new JsonObject().put("type", "string").put("pattern", "^https?://"))
        .put("api-keys", new JsonObject().put("type", "array").put("items", new JsonObject().put("type", "string").put("minLength", 1))
            .put("description", "used round-robin; write them as ${env:NAME} references, never literally"))
        .put("models", ModelCatalog.schema())
        .put("connect-timeout-ms", positive())
        .put("first-token-timeout-ms", positive())
        .put("total-timeout-ms", positive())
        .put("bench-seconds", new JsonObject().put("type", "integer").put("minimum", 0))
        .put("rate-limits-before-bench", positive())
        .put("max-connections", positive())
        .put("extra-headers", new JsonObject().put("type", "object").put("additionalProperties", new JsonObject().put("type", "string")));
  }

  /** A complete settings schema: these properties plus {@code extra}, nothing else. */
  public static JsonObject schema(JsonObject extra, JsonArray required) {
    return new JsonObject()
        .put("$schema", "https://json-schema.org/draft/2020-12/schema")
        .put("type", "object")
        .put("properties", schemaProperties().mergeIn(extra))
        .put("required", required)
        .put("additionalProperties", false);
  }

  private static JsonObject positive() {
    return new JsonObject().put("type", "integer").put("minimum", 1);
  }
}
