package dev.rampart.platform.llm;

import dev.rampart.contracts.llm.ChatMessage;
import dev.rampart.contracts.llm.ToolCall;
import dev.rampart.contracts.llm.ToolDefinition;
import java.util.List;

/**
 * A tokenizer-free estimate of a prompt's size, for budgets and context checks before the call:
 * about four characters per token plus a few tokens of framing per message, the usual rule of
 * thumb for English text with BPE tokenizers. The real usage settles the budget afterwards.
 */
final class TokenEstimate {

  private static final int PER_MESSAGE = 4;

  private TokenEstimate() {}

  static long prompt(List<ChatMessage> messages, List<ToolDefinition> tools) {
    long chars = 0;
    long framing = 3;
    for (ChatMessage m : messages) {
      chars += m.content().length();
      for (ToolCall call : m.toolCalls()) {
        chars += call.name().length() + call.arguments().length();
      }
      framing += PER_MESSAGE;
    }
    for (ToolDefinition tool : tools) {
      chars += tool.name().length() + (tool.description() == null ? 0 : tool.description().length())
          + (tool.parameters() == null ? 0 : tool.parameters().encode().length());
      framing += PER_MESSAGE;
    }
    return framing + (chars + 3) / 4;
  }
}
