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
 * Rampart's own chat shape ({@code POST /v1/chat}, {@code rampart.chat}): kebab case, with the
 * routing decision, the guard findings, the cost and the timing next to the answer. Streamed, it
 * is a sequence of {@code chunk} events and one {@code end} or {@code error} event.
 */
final class RampartWire {

  private RampartWire() {}

  static ChatCall call(JsonObject request) {
    List<ChatMessage> messages = new ArrayList<>();
    for (Object o : request.getJsonArray("messages")) {
      JsonObject m = (JsonObject) o;
      List<ToolCall> calls = new ArrayList<>();
      if (m.getValue("tool-calls") instanceof JsonArray array) {
        for (Object c : array) {
          JsonObject call = (JsonObject) c;
          calls.add(new ToolCall(call.getString("id"), call.getString("name"), call.getString("arguments")));
        }
      }
      messages.add(new ChatMessage(m.getString("role"), m.getString("content", ""), calls,
          Optional.ofNullable(m.getString("tool-call-id"))));
    }
    List<ToolDefinition> tools = new ArrayList<>();
    if (request.getValue("tools") instanceof JsonArray array) {
      for (Object o : array) {
        JsonObject t = (JsonObject) o;
        tools.add(new ToolDefinition(t.getString("name"), t.getString("description", ""),
            t.getJsonObject("parameters", new JsonObject().put("type", "object"))));
      }
    }
    return new ChatCall(request.getString("model"), messages, tools, request.getJsonObject("options", new JsonObject()).copy());
  }

  static JsonObject answer(ChatAnswer a) {
    return new JsonObject()
        .put("id", a.id())
        .put("created", a.created())
        .put("model", a.model())
        .put("message", message(a.message()))
        .put("finish-reason", a.finishReason())
        .put("usage", usage(a.usage()))
        .put("cost-usd", a.costUsd())
        .put("routing", a.routing().toJson())
        .put("guard", guard(a.findings()))
        .put("timing", a.timing().toJson());
  }

  static JsonObject start(StreamEncoder.StreamInfo info) {
    return new JsonObject().put("id", info.id()).put("created", info.created()).put("model", info.model())
        .put("routing", info.routing().toJson());
  }

  static JsonObject error(Throwable failure) {
    return new JsonObject().put("type", "error").put("problem", Problem.from(failure).toJson(null));
  }

  static StreamEncoder encoder() {
    return new StreamEncoder() {
      @Override
      public List<JsonObject> chunk(StreamInfo info, ChatChunk chunk) {
        if (chunk.delta().isEmpty() && chunk.toolCalls().isEmpty()) {
          return List.of();
        }
        JsonArray calls = new JsonArray();
        for (ChatChunk.ToolCallDelta d : chunk.toolCalls()) {
          calls.add(new JsonObject().put("index", d.index()).put("id", d.id().orElse(null)).put("name", d.name().orElse(null))
              .put("arguments", d.arguments()));
        }
        return List.of(new JsonObject().put("type", "chunk").put("delta", chunk.delta()).put("tool-calls", calls));
      }

      @Override
      public List<JsonObject> end(StreamInfo info, StreamSummary summary) {
        return List.of(new JsonObject().put("type", "end").put("id", info.id()).put("model", info.model())
            .put("finish-reason", summary.finishReason()).put("usage", usage(summary.usage()))
            .put("cost-usd", summary.costUsd()).put("routing", info.routing().toJson()).put("guard", guard(summary.findings())));
      }
    };
  }

  private static JsonObject message(ChatMessage m) {
    JsonObject json = new JsonObject().put("role", m.role()).put("content", m.content());
    if (!m.toolCalls().isEmpty()) {
      JsonArray calls = new JsonArray();
      m.toolCalls().forEach(c -> calls.add(new JsonObject().put("id", c.id()).put("name", c.name()).put("arguments", c.arguments())));
      json.put("tool-calls", calls);
    }
    return json;
  }

  private static JsonObject usage(Usage u) {
    return new JsonObject().put("prompt-tokens", u.promptTokens()).put("completion-tokens", u.completionTokens())
        .put("total-tokens", u.totalTokens());
  }

  private static JsonObject guard(List<GuardFinding> findings) {
    JsonArray list = new JsonArray();
    findings.forEach(f -> list.add(f.toJson()));
    return new JsonObject().put("findings", list);
  }
}
