package dev.rampart.contracts.llm;

import java.util.List;
import java.util.Optional;

/**
 * A piece of a streamed answer.
 *
 * @param delta text added by this chunk, may be empty
 * @param toolCalls pieces of tool calls: the first piece of a call carries its id and name, later
 *     pieces with the same index append to its arguments
 * @param finishReason present on the last chunk only
 * @param usage present on the last chunk when the provider reports it
 */
public record ChatChunk(String delta, List<ToolCallDelta> toolCalls, Optional<String> finishReason, Optional<Usage> usage) {

  public ChatChunk {
    toolCalls = List.copyOf(toolCalls);
  }

  /** A text-only chunk. */
  public static ChatChunk text(String delta) {
    return new ChatChunk(delta, List.of(), Optional.empty(), Optional.empty());
  }

  /**
   * A piece of a tool call.
   *
   * @param index which call of the message this piece belongs to
   * @param id the call id, on the first piece
   * @param name the tool name, on the first piece
   * @param arguments a fragment of the arguments JSON text
   */
  public record ToolCallDelta(int index, Optional<String> id, Optional<String> name, String arguments) {}
}
