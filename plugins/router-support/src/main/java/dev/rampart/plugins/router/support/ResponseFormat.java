package dev.rampart.plugins.router.support;

import io.vertx.core.json.JsonObject;

/** How strictly a request asks for JSON, read from its {@code response-format} option. */
public enum ResponseFormat {
  /** Free text (no {@code response-format}, or {@code {"type":"text"}}). */
  NONE,
  /** {@code {"type":"json_object"}}: any JSON object. */
  JSON_OBJECT,
  /** {@code {"type":"json_schema"}} without {@code strict: true}. */
  JSON_SCHEMA,
  /** {@code {"type":"json_schema","json_schema":{"strict":true,...}}}. */
  STRICT_JSON_SCHEMA;

  /** Whether a model must support a JSON mode to serve it. */
  public boolean needsJsonMode() {
    return this != NONE;
  }

  /** The wire name used in reasons and state views. */
  public String label() {
    return switch (this) {
      case NONE -> "none";
      case JSON_OBJECT -> "json_object";
      case JSON_SCHEMA -> "json_schema";
      case STRICT_JSON_SCHEMA -> "json_schema (strict)";
    };
  }

  /** The format asked for by these request options; anything unreadable counts as {@link #NONE}. */
  public static ResponseFormat of(JsonObject options) {
    if (options == null || !(options.getValue("response-format") instanceof JsonObject format)) {
      return NONE;
    }
    Object type = format.getValue("type");
    if ("json_object".equals(type)) {
      return JSON_OBJECT;
    }
    if ("json_schema".equals(type)) {
      // OpenAI nests strict inside json_schema; accept it beside type as well
      boolean strict = format.getValue("json_schema") instanceof JsonObject schema
          ? Boolean.TRUE.equals(schema.getValue("strict"))
          : Boolean.TRUE.equals(format.getValue("strict"));
      return strict ? STRICT_JSON_SCHEMA : JSON_SCHEMA;
    }
    return NONE;
  }
}
