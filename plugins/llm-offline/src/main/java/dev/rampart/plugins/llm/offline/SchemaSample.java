package dev.rampart.plugins.llm.offline;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a value that satisfies a simple JSON Schema, taking what it can from a message: an
 * object gets its required properties; a string property named {@code city} takes the value of
 * {@code city: Paris} or {@code city=Paris} in the message, otherwise the fallback text; numbers
 * take the first number in the message; {@code enum}/{@code const} take their first value.
 * Unsupported keywords ({@code pattern}, {@code $ref}) are ignored; depth is bounded.
 */
final class SchemaSample {

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
  private static final int MAX_DEPTH = 8;

  private final String message;
  private final String fallbackText;

  /**
   * @param message where values are looked up by property name
   * @param fallbackText the value of a string nothing better was found for
   */
  SchemaSample(String message, String fallbackText) {
    this.message = message;
    this.fallbackText = fallbackText;
  }

  /** A value for {@code schema}; {@code name} is the property it is for, or empty. */
  Object valueFor(JsonObject schema, String name) {
    return value(schema, name, 0);
  }

  private Object value(JsonObject schema, String name, int depth) {
    if (schema == null || depth > MAX_DEPTH) {
      return null;
    }
    if (schema.containsKey("const")) {
      return schema.getValue("const");
    }
    JsonArray choices = schema.getJsonArray("enum");
    if (choices != null && !choices.isEmpty()) {
      return choices.getValue(0);
    }
    for (String alternative : new String[] {"anyOf", "oneOf", "allOf"}) {
      JsonArray options = schema.getJsonArray(alternative);
      if (options != null && !options.isEmpty()) {
        return value(options.getJsonObject(0), name, depth + 1);
      }
    }
    return switch (type(schema)) {
      case "object" -> object(schema, depth);
      case "array" -> array(schema, name, depth);
      case "integer" -> number().map(n -> (Object) (long) Double.parseDouble(n)).orElse(0L);
      case "number" -> number().map(n -> (Object) Double.parseDouble(n)).orElse(0d);
      case "boolean" -> Boolean.TRUE;
      case "null" -> null;
      default -> string(schema, name);
    };
  }

  private static String type(JsonObject schema) {
    Object type = schema.getValue("type");
    if (type instanceof JsonArray types) {
      for (Object t : types) {
        if (!"null".equals(t)) {
          return String.valueOf(t);
        }
      }
      return "null";
    }
    if (type == null) {
      return schema.containsKey("properties") ? "object" : "string";
    }
    return String.valueOf(type);
  }

  private JsonObject object(JsonObject schema, int depth) {
    JsonObject out = new JsonObject();
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    JsonArray required = schema.getJsonArray("required", new JsonArray());
    for (Object key : required) {
      String property = String.valueOf(key);
      out.put(property, value(properties.getJsonObject(property, new JsonObject()), property, depth + 1));
    }
    return out;
  }

  private JsonArray array(JsonObject schema, String name, int depth) {
    JsonArray out = new JsonArray();
    int min = schema.getInteger("minItems", 0);
    for (int i = 0; i < min; i++) {
      out.add(value(schema.getJsonObject("items", new JsonObject()), name, depth + 1));
    }
    return out;
  }

  private String string(JsonObject schema, String name) {
    String format = schema.getString("format", "");
    switch (format) {
      case "date" -> { return "1970-01-01"; }
      case "date-time" -> { return "1970-01-01T00:00:00Z"; }
      case "email" -> { return "user@example.com"; }
      case "uri", "url" -> { return "https://example.com/"; }
      default -> { }
    }
    String found = named(name);
    String text = found != null ? found : fallbackText;
    Integer max = schema.getInteger("maxLength");
    if (max != null && text.length() > max) {
      text = text.substring(0, max);
    }
    int min = schema.getInteger("minLength", 0);
    StringBuilder padded = new StringBuilder(text);
    while (padded.length() < min) {
      padded.append('x');
    }
    return padded.toString();
  }

  /** The value written as {@code name: value}, {@code name=value} or {@code name "value"} in the message. */
  private String named(String name) {
    if (name == null || name.isEmpty()) {
      return null;
    }
    Matcher m = Pattern.compile("(?i)\\b" + Pattern.quote(name) + "\\s*(?:[:=]|\\bis\\b)\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s,;]+))").matcher(message);
    if (!m.find()) {
      return null;
    }
    for (int g = 1; g <= 3; g++) {
      if (m.group(g) != null) {
        return m.group(g);
      }
    }
    return null;
  }

  private java.util.Optional<String> number() {
    Matcher m = NUMBER.matcher(message);
    return m.find() ? java.util.Optional.of(m.group()) : java.util.Optional.empty();
  }
}
