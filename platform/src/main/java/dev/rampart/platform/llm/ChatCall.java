package dev.rampart.platform.llm;

import dev.rampart.contracts.llm.ChatMessage;
import dev.rampart.contracts.llm.ToolDefinition;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A chat request as every door hands it to the gateway, in the provider-neutral shape.
 *
 * @param model the model id or alias as the client wrote it
 * @param messages the conversation
 * @param tools tools the model may call
 * @param options provider-neutral options, kebab case (see {@code ChatRequest})
 */
public record ChatCall(String model, List<ChatMessage> messages, List<ToolDefinition> tools, JsonObject options) {

  public ChatCall {
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
  }
}
