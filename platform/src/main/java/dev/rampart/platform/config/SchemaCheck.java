package dev.rampart.platform.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates a document against one of the JSON Schemas shipped in {@code rampart-contracts}, and
 * fills in the schema's defaults.
 *
 * <p>The validator's own messages are rewritten from the schema: they are vague ("String does not
 * match pattern"), some quote the offending value (which may be a secret), and the validator also
 * reports every enclosing object and, for a property with an error, a spurious
 * additionalProperties failure. Only leaf failures are kept.
 */
final class SchemaCheck {

  static final SchemaCheck PLATFORM = new SchemaCheck("platform-config.schema.json");
  static final SchemaCheck TENANT = new SchemaCheck("tenant-config.schema.json");

  private static final String FOLDER = "/dev/rampart/contracts/schemas/";
  private static final Set<String> ENCLOSING = Set.of("properties", "items", "prefixItems", "$ref", "allOf",
      "anyOf", "oneOf", "not", "if", "then", "else", "patternProperties", "dependentSchemas", "contains",
      "propertyNames", "unevaluatedProperties", "unevaluatedItems");
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

  private final JsonObject schema;

  private SchemaCheck(String name) {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException("schema " + FOLDER + name + " missing from the class path (rampart-contracts)");
      }
      this.schema = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Problems as {@code label:json-path: message}; empty when the document is valid. */
  List<String> validate(Object document, String label) {
    var options = new JsonSchemaOptions()
        .setDraft(Draft.DRAFT202012)
        .setBaseUri(schema.getString("$id"))
        .setOutputFormat(OutputFormat.Basic);
    OutputUnit result = Validator.create(JsonSchema.of(schema), options).validate(document);
    if (Boolean.TRUE.equals(result.getValid())) {
      return List.of();
    }
    var problems = new LinkedHashSet<String>();
    List<OutputUnit> errors = result.getErrors() == null ? List.of(result) : result.getErrors();
    for (OutputUnit error : errors) {
      String problem = describe(error, document);
      if (problem != null) {
        problems.add(label + ":" + problem);
      }
    }
    if (problems.isEmpty()) {
      problems.add(label + ":$: does not match " + schema.getString("title"));
    }
    return new ArrayList<>(problems);
  }

  /** {@code json-path: message}, or null for a failure that only encloses others. */
  private String describe(OutputUnit error, Object document) {
    List<String> keyword = JsonPaths.segments(String.valueOf(error.getKeywordLocation()));
    String instance = String.valueOf(error.getInstanceLocation());
    String path = JsonPaths.fromPointer(instance, document);
    if (keyword.isEmpty()) {
      return path + ": is not valid";
    }
    String name = keyword.get(keyword.size() - 1);
    Object value = at(keyword);
    JsonObject owner = at(keyword.subList(0, keyword.size() - 1)) instanceof JsonObject o ? o : new JsonObject();
    if (keyword.contains("propertyNames")) {
      return ENCLOSING.contains(name) ? null : path + ": name " + message(name, value, owner);
    }
    if (name.equals("additionalProperties")) {
      return unknownKey(owner, instance, path);
    }
    if (ENCLOSING.contains(name)) {
      return null;
    }
    if (name.equals("required")) {
      Matcher quoted = QUOTED.matcher(String.valueOf(error.getError()));
      return quoted.find() ? JsonPaths.child(path, quoted.group(1)) + ": is required" : path + ": misses a required key";
    }
    return path + ": " + message(name, value, owner);
  }

  private String unknownKey(JsonObject owner, String instance, String path) {
    List<String> segments = JsonPaths.segments(instance);
    String key = segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    JsonObject declared = owner.getJsonObject("properties", new JsonObject());
    if (!Boolean.FALSE.equals(owner.getValue("additionalProperties")) || declared.containsKey(key)) {
      return null; // reported by the property's own schema
    }
    String expected = declared.fieldNames().stream().sorted().collect(Collectors.joining(", "));
    return path + ": unknown key" + (expected.isEmpty() ? "" : " (expected one of: " + expected + ")");
  }

  private static String message(String keyword, Object value, JsonObject owner) {
    return switch (keyword) {
      case "type" -> "must be " + (value instanceof JsonArray types
          ? types.stream().map(SchemaCheck::article).collect(Collectors.joining(" or "))
          : article(value));
      case "pattern" -> "must match " + value;
      case "enum" -> "must be one of: " + ((JsonArray) value).stream().map(String::valueOf).collect(Collectors.joining(", "));
      case "const" -> "must be " + value;
      case "minimum" -> "must be at least " + value;
      case "maximum" -> "must be at most " + value;
      case "exclusiveMinimum" -> "must be greater than " + value;
      case "exclusiveMaximum" -> "must be less than " + value;
      case "minLength" -> Integer.valueOf(1).equals(value) ? "must not be empty" : "must have at least " + value + " characters";
      case "maxLength" -> "must have at most " + value + " characters";
      case "minItems" -> "must have at least " + value + (Integer.valueOf(1).equals(value) ? " item" : " items");
      case "maxItems" -> "must have at most " + value + " items";
      case "uniqueItems" -> "must not contain duplicates";
      case "minProperties" -> "must have at least " + value + " keys";
      default -> "does not match the schema (" + keyword + ")";
    };
  }

  private static String article(Object type) {
    String t = String.valueOf(type);
    return (t.startsWith("a") || t.startsWith("i") || t.startsWith("o") ? "an " : "a ") + t;
  }

  /** The schema node at a keyword location, following local {@code $ref}s. */
  private Object at(List<String> keyword) {
    Object node = schema;
    for (String segment : keyword) {
      if (node instanceof JsonObject object) {
        node = object.getValue(segment);
        if (segment.equals("$ref") && node instanceof String ref) {
          node = at(JsonPaths.segments(ref));
        }
      } else if (node instanceof JsonArray array && segment.matches("\\d+")) {
        node = array.getValue(Integer.parseInt(segment));
      } else {
        return null;
      }
    }
    return node;
  }

  /** Fills in missing keys that have a {@code default} in the schema, at every level. */
  void applyDefaults(Object document) {
    applyDefaults(schema, document);
  }

  private void applyDefaults(Object schemaNode, Object document) {
    if (!(schemaNode instanceof JsonObject node)) {
      return;
    }
    if (node.getValue("$ref") instanceof String ref) {
      applyDefaults(at(JsonPaths.segments(ref)), document);
    }
    if (document instanceof JsonObject object) {
      JsonObject properties = node.getJsonObject("properties", new JsonObject());
      for (String key : properties.fieldNames()) {
        Object propertySchema = properties.getValue(key);
        if (!object.containsKey(key) && propertySchema instanceof JsonObject p && p.containsKey("default")) {
          Object fallback = p.getValue("default");
          object.put(key, fallback instanceof JsonObject o ? o.copy() : fallback instanceof JsonArray a ? a.copy() : fallback);
        }
        applyDefaults(propertySchema, object.getValue(key));
      }
      if (node.getValue("additionalProperties") instanceof JsonObject extra) {
        for (String key : object.fieldNames()) {
          if (!properties.containsKey(key)) {
            applyDefaults(extra, object.getValue(key));
          }
        }
      }
    } else if (document instanceof JsonArray array && node.getValue("items") instanceof JsonObject items) {
      array.forEach(element -> applyDefaults(items, element));
    }
  }
}
