package dev.rampart.platform.llm;

import io.vertx.core.json.JsonObject;

/**
 * What the guard found in a chat: where and what type, never the value.
 *
 * @param direction {@code input} or {@code output}
 * @param messageIndex which input message (-1 for the output)
 * @param type entity type
 * @param start offset of the first character in the original text
 * @param end offset after the last character
 * @param score detector confidence, 0..1
 */
public record GuardFinding(String direction, int messageIndex, String type, int start, int end, double score) {

  public JsonObject toJson() {
    return new JsonObject().put("direction", direction).put("message-index", messageIndex).put("type", type)
        .put("start", start).put("end", end).put("score", score);
  }
}
