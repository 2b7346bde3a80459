package dev.rampart.plugins.router.support;

import dev.rampart.contracts.llm.ChatMessage;
import dev.rampart.contracts.llm.ChatRequest;
import dev.rampart.contracts.llm.ToolCall;
import dev.rampart.contracts.llm.ToolDefinition;

/**
 * A provider-neutral estimate of how many tokens a request uses, good enough to route on.
 *
 * <p>The rule: one token per four characters (rounded up) of every message's text, tool-call
 * arguments and tool definitions, plus {@value #PER_MESSAGE_OVERHEAD} tokens per message for the
 * role and separators. English text with the common BPE tokenizers comes out at about four
 * characters per token; code and non-Latin scripts use more tokens per character, so this errs on
 * the small side for them. A router only needs to know whether a request fits a context window and
 * roughly how big it is, so the estimate is cheap, linear and deterministic rather than exact.
 */
public final class TokenEstimator {

  /** Characters per token. */
  public static final int CHARS_PER_TOKEN = 4;

  /** Tokens added per message for its role and separators. */
  public static final int PER_MESSAGE_OVERHEAD = 4;

  private TokenEstimator() {}

  /** Estimated prompt tokens: messages, their tool calls, and the tool definitions. */
  public static int promptTokens(ChatRequest request) {
    long chars = 0;
    long overhead = 0;
    for (ChatMessage m : request.messages()) {
      overhead += PER_MESSAGE_OVERHEAD;
      chars += length(m.content());
      for (ToolCall call : m.toolCalls()) {
        chars += length(call.name()) + length(call.arguments());
      }
    }
    for (ToolDefinition tool : request.tools()) {
      chars += length(tool.name()) + length(tool.description());
      chars += tool.parameters() == null ? 0 : tool.parameters().encode().length();
    }
    return saturate(overhead + tokensFor(chars));
  }

  /** Tokens for a text of this many characters. */
  public static long tokensFor(long chars) {
    return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }

  private static int saturate(long n) {
    return (int) Math.min(Integer.MAX_VALUE, n);
  }
}
