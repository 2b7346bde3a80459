package dev.rampart.contracts.llm;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A request to a provider, after routing: {@code model} is the provider's own model name.
 *
 * @param model provider model name
 * @param messages the conversation so far
 * @param tools tools the model may call; empty for none
 * @param options provider-neutral options, kebab case: {@code temperature}, {@code max-tokens},
 *     {@code top-p}, {@code stop} (array), {@code response-format} ({@code {"type":"json_object"}} or
 *     {@code {"type":"json_schema","json_schema":{...}}}), {@code tool-choice}, {@code user};
 *     and {@code timeouts} ({@code {"connect-ms", "first-token-ms", "total-ms"}}): the gateway's
 *     limits for this call, so an HTTP provider can apply the connect limit to its own client (the
 *     gateway enforces first-token and total itself). Providers ignore what they do not support
 */
public record ChatRequest(String model, List<ChatMessage> messages, List<ToolDefinition> tools, JsonObject options) {

  public ChatRequest {
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
  }
}
