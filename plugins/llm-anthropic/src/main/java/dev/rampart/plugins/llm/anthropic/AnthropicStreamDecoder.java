package dev.rampart.plugins.llm.anthropic;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.llm.ChatChunk;
import dev.rampart.contracts.llm.UpstreamException;
import dev.rampart.contracts.llm.Usage;
import dev.rampart.plugins.llm.support.ChunkStream;
import dev.rampart.plugins.llm.support.SseDecoder;
import dev.rampart.plugins.llm.support.SseEvent;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Streamed Messages: {@code message_start} (prompt usage), {@code content_block_start} (a text
 * or {@code tool_use} block), {@code content_block_delta} ({@code text_delta} or
 * {@code input_json_delta}), {@code message_delta} (stop reason, output usage),
 * {@code message_stop} (the end), {@code ping}, {@code error}. Tool-use blocks are numbered in
 * order, so a tool call's index counts tool calls only, as the SPI's deltas expect.
 */
final class AnthropicStreamDecoder implements SseDecoder {

  private final Map<Integer, Integer> toolIndexOfBlock = new HashMap<>();
  private Usage usage = new Usage(0, 0);
  private String finishReason = "stop";

  @Override
  public void onEvent(SseEvent event, ChunkStream sink) {
    JsonObject data = new JsonObject(event.data());
    String type = data.getString("type", event.event());
    switch (type) {
      case "message_start" -> usage = AnthropicWire.usage(data.getJsonObject("message", new JsonObject()).getJsonObject("usage"), usage);
      case "content_block_start" -> {
        JsonObject block = data.getJsonObject("content_block", new JsonObject());
        if ("tool_use".equals(block.getString("type"))) {
          int index = toolIndexOfBlock.size();
          toolIndexOfBlock.put(data.getInteger("index", 0), index);
          sink.push(new ChatChunk("", List.of(new ChatChunk.ToolCallDelta(index, Optional.ofNullable(block.getString("id")),
              Optional.ofNullable(block.getString("name")), "")), Optional.empty(), Optional.empty()));
        } else if ("text".equals(block.getString("type")) && !block.getString("text", "").isEmpty()) {
          sink.push(ChatChunk.text(block.getString("text")));
        }
      }
      case "content_block_delta" -> {
        JsonObject delta = data.getJsonObject("delta", new JsonObject());
        switch (delta.getString("type", "")) {
          case "text_delta" -> sink.push(ChatChunk.text(delta.getString("text", "")));
          case "input_json_delta" -> {
            Integer index = toolIndexOfBlock.get(data.getInteger("index", 0));
            String part = delta.getString("partial_json", "");
            if (index != null && !part.isEmpty()) {
              sink.push(new ChatChunk("", List.of(new ChatChunk.ToolCallDelta(index, Optional.empty(), Optional.empty(), part)),
                  Optional.empty(), Optional.empty()));
            }
          }
          default -> { } // thinking and signature deltas are not part of the answer
        }
      }
      case "message_delta" -> {
        String stop = data.getJsonObject("delta", new JsonObject()).getString("stop_reason");
        if (stop != null) {
          finishReason = AnthropicWire.finishReason(stop);
        }
        usage = AnthropicWire.usage(data.getJsonObject("usage"), usage);
      }
      case "message_stop" -> {
        sink.push(new ChatChunk("", List.of(), Optional.of(finishReason), Optional.of(usage)));
        sink.end();
      }
      case "error" -> sink.fail(failure(data.getJsonObject("error", new JsonObject()).getString("type", "error")));
      default -> { } // ping, content_block_stop, and event types added later
    }
  }

  private static UpstreamException failure(String errorType) {
    String detail = "upstream stream failed (" + errorType + ")";
    return switch (errorType) {
      case "rate_limit_error" -> new UpstreamException(ErrorCode.RATE_LIMITED, detail, 429, Optional.empty(), true);
      case "invalid_request_error" -> new UpstreamException(ErrorCode.VALIDATION_FAILED, detail, 400, Optional.empty(), false);
      case "overloaded_error" -> new UpstreamException(ErrorCode.UPSTREAM_FAILED, detail, 529, Optional.empty(), true);
      default -> new UpstreamException(ErrorCode.UPSTREAM_FAILED, detail, 500, Optional.empty(), true);
    };
  }
}
