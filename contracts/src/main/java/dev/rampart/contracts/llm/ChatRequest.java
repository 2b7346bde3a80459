package dev.rampart.contracts.llm;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A request to a provider, after routing: {@code model} is the provider's own model name.
 *
 * @param model provider model name
 * @param messages the conversation so far
 * @param options provider-neutral options ({@code temperature}, {@code max-tokens}, ...)
 */
public record ChatRequest(String model, List<ChatMessage> messages, JsonObject options) {

  public ChatRequest {
    messages = List.copyOf(messages);
  }
}
