package dev.rampart.plugins.llm.openai;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.llm.ChatChunk;
import dev.rampart.contracts.llm.UpstreamException;
import dev.rampart.contracts.llm.Usage;
import dev.rampart.plugins.llm.support.ChunkStream;
import dev.rampart.plugins.llm.support.SseDecoder;
import dev.rampart.plugins.llm.support.SseEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Streamed Chat Completions: {@code data: {chunk}} events, then {@code data: [DONE]}. The finish
 * reason and the usage come in separate events (usage last, with {@code include_usage}); both are
 * held back and sent on one final chunk at {@code [DONE]}, so the last chunk carries them as the
 * SPI promises.
 */
final class OpenAiStreamDecoder implements SseDecoder {

  private String finishReason;
  private boolean calledTools;
  private Usage usage;

  @Override
  public void onEvent(SseEvent event, ChunkStream sink) {
    String data = event.data().trim();
    if (data.equals("[DONE]")) {
      String finish = finishReason != null ? finishReason : (calledTools ? "tool_calls" : "stop");
      sink.push(new ChatChunk("", List.of(), Optional.of(finish), Optional.ofNullable(usage)));
      sink.end();
      return;
    }
    JsonObject chunk = new JsonObject(data);
    if (chunk.containsKey("error")) {
      Object error = chunk.getValue("error");
      String type = error instanceof JsonObject e ? e.getString("type", e.getString("code", "error")) : "error";
      boolean throttled = type.contains("rate_limit");
      sink.fail(new UpstreamException(throttled ? ErrorCode.RATE_LIMITED : ErrorCode.UPSTREAM_FAILED,
          "upstream stream failed (" + type + ")", 200, Optional.empty(), true));
      return;
    }
    if (chunk.getJsonObject("usage") != null) {
      usage = OpenAiWire.usage(chunk.getJsonObject("usage"));
    }
    JsonArray choices = chunk.getJsonArray("choices", new JsonArray());
    if (choices.isEmpty()) {
      return;
    }
    JsonObject choice = choices.getJsonObject(0);
    JsonObject delta = choice.getJsonObject("delta", new JsonObject());
    String text = delta.getString("content");
    List<ChatChunk.ToolCallDelta> calls = new ArrayList<>();
    JsonArray wireCalls = delta.getJsonArray("tool_calls", new JsonArray());
    for (int i = 0; i < wireCalls.size(); i++) {
      JsonObject call = wireCalls.getJsonObject(i);
      JsonObject function = call.getJsonObject("function", new JsonObject());
      calls.add(new ChatChunk.ToolCallDelta(call.getInteger("index", i), Optional.ofNullable(call.getString("id")),
          Optional.ofNullable(function.getString("name")), function.getString("arguments", "")));
    }
    calledTools |= !calls.isEmpty();
    String finish = choice.getString("finish_reason");
    if (finish != null) {
      finishReason = OpenAiWire.finishReason(finish, calledTools);
    }
    if ((text != null && !text.isEmpty()) || !calls.isEmpty()) {
      sink.push(new ChatChunk(text == null ? "" : text, calls, Optional.empty(), Optional.empty()));
    }
  }
}
