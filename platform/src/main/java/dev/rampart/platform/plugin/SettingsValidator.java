package dev.rampart.platform.plugin;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.util.ArrayList;
import java.util.List;

/** Checks an instance's settings against the JSON Schema its extension declares. */
final class SettingsValidator {

  private SettingsValidator() {}

  /** Problems as {@code <where>.<json path>: message}; empty when the settings are valid. */
  static List<String> problems(JsonObject schema, JsonObject settings, String where) {
    Validator validator =
        Validator.create(
            JsonSchema.of(schema),
            new JsonSchemaOptions()
                .setDraft(Draft.DRAFT202012)
                .setOutputFormat(OutputFormat.Basic)
                .setBaseUri("https://rampart.invalid/settings"));
    OutputUnit result = validator.validate(settings);
    List<String> problems = new ArrayList<>();
    if (Boolean.TRUE.equals(result.getValid())) {
      return problems;
    }
    List<OutputUnit> errors = result.getErrors() == null || result.getErrors().isEmpty() ? List.of(result) : result.getErrors();
    for (OutputUnit error : errors) {
      problems.add(where + jsonPath(error.getInstanceLocation()) + ": " + error.getError());
    }
    return problems;
  }

  private static String jsonPath(String pointer) {
    if (pointer == null || pointer.isEmpty() || pointer.equals("#") || pointer.equals("/")) {
      return "";
    }
    String p = pointer.startsWith("#") ? pointer.substring(1) : pointer;
    return p.replace('/', '.').replace("~1", "/").replace("~0", "~");
  }
}
