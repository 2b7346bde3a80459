package dev.rampart.plugins.router.support;

import dev.rampart.contracts.llm.ChatRequest;
import io.vertx.core.json.JsonObject;

/**
 * What a request needs from a model: room in the context window, tool calling, a JSON mode.
 *
 * @param promptTokens estimated prompt tokens ({@link TokenEstimator})
 * @param maxOutputTokens the request's {@code max-tokens}, or 0 when it sets none
 * @param tools whether the request offers tools
 * @param format the JSON strictness it asks for
 */
public record RequestNeeds(int promptTokens, int maxOutputTokens, boolean tools, ResponseFormat format) {

  /** Reads the needs of a request. */
  public static RequestNeeds of(ChatRequest request) {
    JsonObject options = request.options();
    int maxTokens = 0;
    if (options != null && options.getValue("max-tokens") instanceof Number n) {
      maxTokens = (int) Math.max(0, Math.min(Integer.MAX_VALUE, n.longValue()));
    }
    return new RequestNeeds(
        TokenEstimator.promptTokens(request), maxTokens, !request.tools().isEmpty(), ResponseFormat.of(options));
  }

  /** Prompt plus the largest answer asked for: what the context window must hold. */
  public long requiredTokens() {
    return (long) promptTokens + maxOutputTokens;
  }

  /** One line for the decision's reasons. */
  public String describe() {
    return "estimated " + promptTokens + " prompt tokens + " + maxOutputTokens + " max output"
        + (tools ? ", tools" : "")
        + (format.needsJsonMode() ? ", response format " + format.label() : "");
  }
}
