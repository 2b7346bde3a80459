package dev.rampart.plugins.router.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ResponseFormatTest {

  private static JsonObject format(JsonObject f) {
    return new JsonObject().put("response-format", f);
  }

  @Test
  void readsEachStrictness() {
    assertEquals(ResponseFormat.NONE, ResponseFormat.of(new JsonObject()));
    assertEquals(ResponseFormat.NONE, ResponseFormat.of(format(new JsonObject().put("type", "text"))));
    assertEquals(ResponseFormat.JSON_OBJECT, ResponseFormat.of(format(new JsonObject().put("type", "json_object"))));
    assertEquals(ResponseFormat.JSON_SCHEMA, ResponseFormat.of(format(new JsonObject().put("type", "json_schema")
        .put("json_schema", new JsonObject().put("schema", new JsonObject())))));
    assertEquals(ResponseFormat.STRICT_JSON_SCHEMA, ResponseFormat.of(RouterFixtures.strictSchema()));
  }

  @Test
  void anUnreadableFormatCountsAsFreeText() {
    assertEquals(ResponseFormat.NONE, ResponseFormat.of(new JsonObject().put("response-format", "json")));
    assertEquals(ResponseFormat.NONE, ResponseFormat.of(null));
  }
}
