package dev.rampart.plugins.router.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import org.junit.jupiter.api.Test;

/** The schema the kernel validates settings with agrees with the parser. */
class RulesSettingsSchemaTest {

  static final String EXAMPLE = """
      {
        "aliases": {
          "fast": "offline/offline-small",
          "mix": [{"target": "offline/offline-small", "weight": 3}, {"target": "openai-prod/gpt-4o-mini", "weight": 1}],
          "safe": {"failover": ["openai-prod/gpt-4o", "offline/offline-large"]},
          "cheap": {"cheapest": {"min-context-window": 32000, "tools": true}},
          "quick": {"fastest": {"among": ["offline/offline-small", "gpt-4o-mini"]}}
        },
        "default": "fast",
        "latency-hint-ms": {"offline/offline-small": 50, "gpt-4o-mini": 400, "*": 1000},
        "latency-ewma-alpha": 0.2,
        "seed": 42
      }""";

  private static OutputUnit validate(JsonObject settings) {
    return Validator.create(JsonSchema.of(RulesSettings.schema()),
        new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://rampart.invalid/settings"))
        .validate(settings);
  }

  @Test
  void theDocumentedExampleIsValidAndParses() {
    JsonObject example = new JsonObject(EXAMPLE);

    assertTrue(validate(example).getValid(), () -> validate(example).toString());
    assertTrue(RulesSettings.parse(example).aliases().size() == 5);
  }

  @Test
  void theSchemaRejectsWhatTheParserRejects() {
    assertFalse(validate(new JsonObject().put("aliasses", new JsonObject())).getValid());
    assertFalse(validate(new JsonObject("{\"aliases\": {\"x\": {\"slowest\": {}}}}")).getValid());
    assertFalse(validate(new JsonObject("{\"aliases\": {\"x\": [{\"target\": \"a\", \"weight\": 0}]}}")).getValid());
    assertFalse(validate(new JsonObject("{\"aliases\": {\"x\": {\"cheapest\": {\"colour\": 1}}}}")).getValid());
  }
}
