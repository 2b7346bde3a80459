package dev.rampart.plugins.llm.anthropic;

import dev.rampart.contracts.llm.ChatMessage;
import dev.rampart.contracts.llm.ChatRequest;
import dev.rampart.contracts.llm.ChatResult;
import dev.rampart.contracts.llm.ToolCall;
import dev.rampart.contracts.llm.ToolDefinition;
import dev.rampart.contracts.llm.Usage;
import dev.rampart.plugins.llm.support.UpstreamFailures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Messages API wire format. System messages become the top-level {@code system}; a tool
 * message becomes a {@code tool_result} block of a user turn; an assistant's tool calls become
 * {@code tool_use} blocks; consecutive turns of the same role are merged, as the API expects
 * user and assistant to alternate. {@code max_tokens} is required by the API, so a request
 * without {@code max-tokens} gets the instance's default.
 */
final class AnthropicWire {

  private AnthropicWire() {}

  /** The body of {@code POST /v1/messages}. */
  static JsonObject request(ChatRequest request, int defaultMaxTokens, boolean stream) {
    JsonObject o = request.options() == null ? new JsonObject() : request.options();
    JsonObject body = new JsonObject().put("model", request.model()).put("max_tokens", o.getInteger("max-tokens", defaultMaxTokens));
    List<String> system = new ArrayList<>();
    JsonArray messages = new JsonArray();
    for (ChatMessage m : request.messages()) {
      if ("system".equals(m.role())) {
        system.add(m.content());
        continue;
      }
      String role = "assistant".equals(m.role()) ? "assistant" : "user";
      JsonArray blocks = blocks(m);
      JsonObject previous = messages.isEmpty() ? null : messages.getJsonObject(messages.size() - 1);
      if (previous != null && previous.getString("role").equals(role)) {
        previous.getJsonArray("content").addAll(blocks);
      } else {
        messages.add(new JsonObject().put("role", role).put("content", blocks));
      }
    }
    if (!system.isEmpty()) {
      body.put("system", String.join("\n\n", system));
    }
    body.put("messages", messages);
    if (!request.tools().isEmpty()) {
      JsonArray tools = new JsonArray();
      for (ToolDefinition t : request.tools()) {
        JsonObject tool = new JsonObject().put("name", t.name()).put("input_schema", t.parameters());
        if (t.description() != null && !t.description().isEmpty()) {
          tool.put("description", t.description());
        }
        tools.add(tool);
      }
      body.put("tools", tools);
      toolChoice(o.getValue("tool-choice")).ifPresent(c -> body.put("tool_choice", c));
    }
    if (o.getValue("temperature") != null) {
      body.put("temperature", o.getValue("temperature"));
    }
    if (o.getValue("top-p") != null) {
      body.put("top_p", o.getValue("top-p"));
    }
    Object stop = o.getValue("stop");
    if (stop instanceof JsonArray list) {
      body.put("stop_sequences", list);
    } else if (stop instanceof String one) {
      body.put("stop_sequences", new JsonArray().add(one));
    }
    if (stream) {
      body.put("stream", true);
    }
    return body;
  }

  private static JsonArray blocks(ChatMessage m) {
    JsonArray blocks = new JsonArray();
    if ("tool".equals(m.role())) {
      blocks.add(new JsonObject().put("type", "tool_result").put("tool_use_id", m.toolCallId().orElse("")).put("content", m.content()));
      return blocks;
    }
    // the API refuses empty text blocks
    if (m.content() != null && !m.content().isEmpty()) {
      blocks.add(new JsonObject().put("type", "text").put("text", m.content()));
    }
    for (ToolCall c : m.toolCalls()) {
      blocks.add(new JsonObject().put("type", "tool_use").put("id", c.id()).put("name", c.name()).put("input", input(c.arguments())));
    }
    return blocks;
  }

  /** Tool arguments as an object; text the model wrote that is not a JSON object is sent as {@code {}}. */
  private static JsonObject input(String arguments) {
    try {
      return arguments == null || arguments.isBlank() ? new JsonObject() : new JsonObject(arguments);
    } catch (RuntimeException notAnObject) {
      return new JsonObject();
    }
  }

  private static Optional<JsonObject> toolChoice(Object choice) {
    if (choice instanceof String s) {
      return switch (s) {
        case "auto" -> Optional.of(new JsonObject().put("type", "auto"));
        case "required", "any" -> Optional.of(new JsonObject().put("type", "any"));
        case "none" -> Optional.of(new JsonObject().put("type", "none"));
        default -> Optional.empty();
      };
    }
    if (choice instanceof JsonObject named) {
      String name = named.getJsonObject("function", named).getString("name");
      return name == null ? Optional.empty() : Optional.of(new JsonObject().put("type", "tool").put("name", name));
    }
    return Optional.empty();
  }

  /** A complete answer from its JSON; fails as malformed when the content is missing. */
  static ChatResult result(JsonObject body, String requestedModel) {
    JsonArray content = body.getJsonArray("content");
    if (content == null) {
      throw UpstreamFailures.malformed("no content");
    }
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    for (int i = 0; i < content.size(); i++) {
      JsonObject block = content.getJsonObject(i);
      switch (block.getString("type", "")) {
        case "text" -> text.append(block.getString("text", ""));
        case "tool_use" -> calls.add(new ToolCall(block.getString("id"), block.getString("name"), block.getJsonObject("input", new JsonObject()).encode()));
        default -> { } // thinking and other blocks are not part of the gateway's answer
      }
    }
    ChatMessage answer = new ChatMessage("assistant", text.toString(), calls, Optional.empty());
    return new ChatResult(body.getString("model", requestedModel), answer, finishReason(body.getString("stop_reason")), usage(body.getJsonObject("usage"), new Usage(0, 0)));
  }

  static String finishReason(String stopReason) {
    if (stopReason == null) {
      return "stop";
    }
    return switch (stopReason) {
      case "tool_use" -> "tool_calls";
      case "max_tokens", "model_context_window_exceeded" -> "length";
      case "refusal" -> "content_filter";
      default -> "stop"; // end_turn, stop_sequence, pause_turn
    };
  }

  /** Usage, counting cached prompt tokens as prompt tokens; fields absent keep {@code before}'s values. */
  static Usage usage(JsonObject usage, Usage before) {
    if (usage == null) {
      return before;
    }
    long prompt = before.promptTokens();
    if (usage.containsKey("input_tokens")) {
      prompt = usage.getLong("input_tokens", 0L) + usage.getLong("cache_creation_input_tokens", 0L) + usage.getLong("cache_read_input_tokens", 0L);
    }
    return new Usage(prompt, usage.getLong("output_tokens", before.completionTokens()));
  }
}
