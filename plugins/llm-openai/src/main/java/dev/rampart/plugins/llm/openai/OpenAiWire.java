package dev.rampart.plugins.llm.openai;

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

/** The Chat Completions wire format: gateway request to OpenAI JSON, and OpenAI answers back. */
final class OpenAiWire {

  private OpenAiWire() {}

  /** The body of {@code POST /chat/completions}. */
  static JsonObject request(ChatRequest request, boolean stream) {
    JsonObject body = new JsonObject().put("model", request.model());
    JsonArray messages = new JsonArray();
    for (ChatMessage m : request.messages()) {
      messages.add(message(m));
    }
    body.put("messages", messages);
    if (!request.tools().isEmpty()) {
      JsonArray tools = new JsonArray();
      for (ToolDefinition t : request.tools()) {
        JsonObject function = new JsonObject().put("name", t.name()).put("parameters", t.parameters());
        if (t.description() != null && !t.description().isEmpty()) {
          function.put("description", t.description());
        }
        tools.add(new JsonObject().put("type", "function").put("function", function));
      }
      body.put("tools", tools);
    }
    JsonObject o = request.options() == null ? new JsonObject() : request.options();
    copy(o, "temperature", body, "temperature");
    copy(o, "max-tokens", body, "max_tokens");
    copy(o, "top-p", body, "top_p");
    copy(o, "stop", body, "stop");
    copy(o, "response-format", body, "response_format");
    copy(o, "tool-choice", body, "tool_choice");
    if (stream) {
      body.put("stream", true).put("stream_options", new JsonObject().put("include_usage", true));
    }
    return body;
  }

  private static JsonObject message(ChatMessage m) {
    JsonObject out = new JsonObject().put("role", m.role());
    if (!m.toolCalls().isEmpty()) {
      JsonArray calls = new JsonArray();
      for (ToolCall c : m.toolCalls()) {
        calls.add(new JsonObject().put("id", c.id()).put("type", "function")
            .put("function", new JsonObject().put("name", c.name()).put("arguments", c.arguments())));
      }
      out.put("tool_calls", calls);
      // OpenAI wants null, not "", for an assistant turn that only calls tools
      out.put("content", m.content() == null || m.content().isEmpty() ? null : m.content());
    } else {
      out.put("content", m.content() == null ? "" : m.content());
    }
    m.toolCallId().ifPresent(id -> out.put("tool_call_id", id));
    return out;
  }

  private static void copy(JsonObject from, String key, JsonObject to, String wireKey) {
    if (from.containsKey(key) && from.getValue(key) != null) {
      to.put(wireKey, from.getValue(key));
    }
  }

  /** A complete answer from its JSON; fails as malformed when the required parts are missing. */
  static ChatResult result(JsonObject body, String requestedModel) {
    JsonArray choices = body.getJsonArray("choices");
    if (choices == null || choices.isEmpty()) {
      throw UpstreamFailures.malformed("no choices");
    }
    JsonObject choice = choices.getJsonObject(0);
    JsonObject message = choice.getJsonObject("message");
    if (message == null) {
      throw UpstreamFailures.malformed("no message");
    }
    List<ToolCall> calls = new ArrayList<>();
    JsonArray wireCalls = message.getJsonArray("tool_calls", new JsonArray());
    for (int i = 0; i < wireCalls.size(); i++) {
      JsonObject call = wireCalls.getJsonObject(i);
      JsonObject function = call.getJsonObject("function", new JsonObject());
      calls.add(new ToolCall(call.getString("id", "call_" + i), function.getString("name", ""), function.getString("arguments", "{}")));
    }
    String content = message.getString("content");
    ChatMessage answer = new ChatMessage("assistant", content == null ? "" : content, calls, Optional.empty());
    return new ChatResult(body.getString("model", requestedModel), answer,
        finishReason(choice.getString("finish_reason"), !calls.isEmpty()), usage(body.getJsonObject("usage")));
  }

  /** OpenAI's finish reasons are the gateway's; the legacy {@code function_call} is a tool call. */
  static String finishReason(String wire, boolean calledTools) {
    if (wire == null) {
      return calledTools ? "tool_calls" : "stop";
    }
    return switch (wire) {
      case "length", "content_filter", "tool_calls" -> wire;
      case "function_call" -> "tool_calls";
      default -> "stop";
    };
  }

  static Usage usage(JsonObject usage) {
    if (usage == null) {
      return new Usage(0, 0);
    }
    return new Usage(usage.getLong("prompt_tokens", 0L), usage.getLong("completion_tokens", 0L));
  }
}
