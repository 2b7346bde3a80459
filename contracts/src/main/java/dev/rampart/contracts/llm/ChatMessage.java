package dev.rampart.contracts.llm;

import java.util.List;
import java.util.Optional;

/**
 * One message of a chat, in the provider-neutral shape the gateway speaks.
 *
 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param content the text; may be empty for an assistant message that only calls tools
 * @param toolCalls tools the assistant asked to call (assistant messages only)
 * @param toolCallId for a {@code tool} message: the id of the call it answers
 */
public record ChatMessage(String role, String content, List<ToolCall> toolCalls, Optional<String> toolCallId) {

  public ChatMessage {
    toolCalls = List.copyOf(toolCalls);
  }

  /** A plain text message. */
  public static ChatMessage of(String role, String content) {
    return new ChatMessage(role, content, List.of(), Optional.empty());
  }
}
