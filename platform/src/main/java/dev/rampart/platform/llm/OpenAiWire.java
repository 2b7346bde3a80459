package dev.rampart.platform.llm;

import dev.rampart.contracts.llm.ChatChunk;
import dev.rampart.contracts.llm.ChatMessage;
import dev.rampart.contracts.llm.ToolCall;
import dev.rampart.contracts.llm.ToolDefinition;
import dev.rampart.contracts.llm.Usage;
import dev.rampart.platform.http.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The OpenAI chat completions wire format: requests in, completions and {@code chat.completion.chunk}
 * events out, exactly as the OpenAI SDKs read them (snake case, {@code null} where OpenAI sends it).
 */
final class OpenAiWire {

  private OpenAiWire() {}

  static ChatCall call(JsonObject request) {
    List<ChatMessage> messages = new ArrayList<>();
    for (Object o : request.getJsonArray("messages")) {
      JsonObject m = (JsonObject) o;
      String role = m.getString("role");
      List<ToolCall> calls = new ArrayList<>();
      if (m.getValue("tool_calls") instanceof JsonArray array) {
        for (Object c : array) {
          JsonObject call = (JsonObject) c;
          JsonObject function = call.getJsonObject("function");
          calls.add(new ToolCall(call.getString("id"), function.getString("name"), function.getString("arguments", "")));
        }
      }
      messages.add(new ChatMessage("developer".equals(role) ? "system" : role, text(m.getValue("content")), calls,
          Optional.ofNullable(m.getString("tool_call_id"))));
    }
    List<ToolDefinition> tools = new ArrayList<>();
    if (request.getValue("tools") instanceof JsonArray array) {
      for (Object o : array) {
        JsonObject function = ((JsonObject) o).getJsonObject("function");
        tools.add(new ToolDefinition(function.getString("name"), function.getString("description", ""),
            function.getJsonObject("parameters", new JsonObject().put("type", "object"))));
      }
    }
    JsonObject options = new JsonObject();
    copy(request, "temperature", options, "temperature");
    copy(request, "top_p", options, "top-p");
    copy(request, "max_tokens", options, "max-tokens");
    copy(request, "max_completion_tokens", options, "max-tokens");
    copy(request, "response_format", options, "response-format");
    copy(request, "tool_choice", options, "tool-choice");
    copy(request, "user", options, "user");
    Object stop = request.getValue("stop");
    if (stop instanceof String s) {
      options.put("stop", new JsonArray().add(s));
    } else if (stop instanceof JsonArray a) {
      options.put("stop", a.copy());
    }
    return new ChatCall(request.getString("model"), messages, tools, options);
  }

  static boolean includeUsage(JsonObject request) {
    return request.getValue("stream_options") instanceof JsonObject o && o.getBoolean("include_usage", false);
  }

  static JsonObject completion(ChatAnswer answer) {
    JsonObject message = new JsonObject().put("role", "assistant")
        .put("content", answer.message().content().isEmpty() && !answer.message().toolCalls().isEmpty()
            ? null : answer.message().content());
    if (!answer.message().toolCalls().isEmpty()) {
      JsonArray calls = new JsonArray();
      answer.message().toolCalls().forEach(c -> calls.add(new JsonObject().put("id", c.id()).put("type", "function")
          .put("function", new JsonObject().put("name", c.name()).put("arguments", c.arguments()))));
      message.put("tool_calls", calls);
    }
    return new JsonObject()
        .put("id", answer.id())
        .put("object", "chat.completion")
        .put("created", answer.created())
        .put("model", answer.model())
        .put("choices", new JsonArray().add(new JsonObject()
            .put("index", 0).put("message", message).put("logprobs", null).put("finish_reason", answer.finishReason())))
        .put("usage", usage(answer.usage()));
  }

  static JsonObject models(List<ChatGateway.ModelListing> models, long created) {
    JsonArray data = new JsonArray();
    models.forEach(m -> data.add(new JsonObject().put("id", m.id()).put("object", "model").put("created", created)
        .put("owned_by", m.ownedBy())));
    return new JsonObject().put("object", "list").put("data", data);
  }

  static JsonObject error(Throwable failure) {
    return new JsonObject().put("error", Problem.from(failure).openAiError());
  }

  /** One encoder per stream: the first chunk carries the assistant role, as OpenAI's does. */
  static StreamEncoder encoder(boolean includeUsage) {
    return new StreamEncoder() {
      private boolean roleSent;

      @Override
      public List<JsonObject> chunk(StreamInfo info, ChatChunk chunk) {
        JsonObject delta = new JsonObject();
        if (!roleSent) {
          roleSent = true;
          delta.put("role", "assistant");
          if (chunk.toolCalls().isEmpty() || !chunk.delta().isEmpty()) {
            delta.put("content", chunk.delta());
          }
        } else if (!chunk.delta().isEmpty()) {
          delta.put("content", chunk.delta());
        }
        if (!chunk.toolCalls().isEmpty()) {
          JsonArray calls = new JsonArray();
          for (ChatChunk.ToolCallDelta d : chunk.toolCalls()) {
            JsonObject function = new JsonObject();
            d.name().ifPresent(n -> function.put("name", n));
            function.put("arguments", d.arguments());
            JsonObject call = new JsonObject().put("index", d.index());
            d.id().ifPresent(id -> call.put("id", id).put("type", "function"));
            calls.add(call.put("function", function));
          }
          delta.put("tool_calls", calls);
        }
        JsonObject choice = new JsonObject().put("index", 0).put("delta", delta).put("logprobs", null)
            .put("finish_reason", chunk.finishReason().orElse(null));
        return List.of(head(info).put("choices", new JsonArray().add(choice)));
      }

      @Override
      public List<JsonObject> end(StreamInfo info, StreamSummary summary) {
        return includeUsage ? List.of(head(info).put("choices", new JsonArray()).put("usage", usage(summary.usage()))) : List.of();
      }
    };
  }

  private static JsonObject head(StreamEncoder.StreamInfo info) {
    return new JsonObject().put("id", info.id()).put("object", "chat.completion.chunk").put("created", info.created())
        .put("model", info.model());
  }

  private static JsonObject usage(Usage usage) {
    return new JsonObject().put("prompt_tokens", usage.promptTokens()).put("completion_tokens", usage.completionTokens())
        .put("total_tokens", usage.totalTokens());
  }

  private static String text(Object content) {
    if (content instanceof String s) {
      return s;
    }
    if (content instanceof JsonArray parts) {
      StringBuilder text = new StringBuilder();
      for (Object p : parts) {
        if (p instanceof JsonObject part && "text".equals(part.getString("type")) && part.getString("text") != null) {
          if (text.length() > 0) {
            text.append('\n');
          }
          text.append(part.getString("text"));
        }
      }
      return text.toString();
    }
    return "";
  }

  private static void copy(JsonObject from, String key, JsonObject to, String as) {
    Object value = from.getValue(key);
    if (value != null) {
      to.put(as, value instanceof JsonObject o ? o.copy() : value);
    }
  }
}
