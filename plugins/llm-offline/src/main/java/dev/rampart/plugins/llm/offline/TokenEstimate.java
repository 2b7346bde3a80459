package dev.rampart.plugins.llm.offline;

import dev.rampart.contracts.llm.ChatMessage;
import dev.rampart.contracts.llm.ChatRequest;
import dev.rampart.contracts.llm.ToolCall;
import dev.rampart.contracts.llm.ToolDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * The offline provider's token counter: close enough to BPE tokenizers for budgets and tests,
 * and exactly reproducible. Text is cut into segments, each some whitespace followed by a run of
 * letters, a run of digits, or one other character. A run costs one token per started four
 * characters; any other character costs one; whitespace is free. A prompt adds four tokens per
 * message (role and framing, as OpenAI counts) and two for the reply's priming; a tool definition
 * costs its name, description and parameter schema text.
 *
 * <p>Streams send one segment per chunk, so the completion tokens of a stream equal those of
 * the same answer in one piece.
 */
public final class TokenEstimate {

  private static final int PER_MESSAGE = 4;
  private static final int REPLY_PRIMING = 2;

  private TokenEstimate() {}

  /** Tokens in {@code text}. */
  public static long of(String text) {
    long n = 0;
    for (String segment : segments(text)) {
      n += ofSegment(segment);
    }
    return n;
  }

  /** Tokens in a prompt: its messages and tool definitions. */
  public static long prompt(ChatRequest request) {
    long n = REPLY_PRIMING;
    for (ChatMessage m : request.messages()) {
      n += PER_MESSAGE + of(m.content());
      for (ToolCall call : m.toolCalls()) {
        n += of(call.name()) + of(call.arguments());
      }
    }
    for (ToolDefinition tool : request.tools()) {
      n += of(tool.name()) + of(tool.description()) + of(tool.parameters().encode());
    }
    return n;
  }

  /** {@code text} cut into segments whose concatenation is {@code text} again. */
  public static List<String> segments(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int len = text.length();
    while (i < len) {
      int start = i;
      while (i < len && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i == len) {
        if (out.isEmpty()) {
          out.add(text.substring(start));
        } else {
          out.set(out.size() - 1, out.get(out.size() - 1) + text.substring(start));
        }
        break;
      }
      char c = text.charAt(i);
      if (Character.isLetter(c)) {
        while (i < len && Character.isLetter(text.charAt(i))) {
          i++;
        }
      } else if (Character.isDigit(c)) {
        while (i < len && Character.isDigit(text.charAt(i))) {
          i++;
        }
      } else {
        i += Character.charCount(text.codePointAt(i));
      }
      out.add(text.substring(start, i));
    }
    return out;
  }

  /** Tokens in one segment. */
  public static long ofSegment(String segment) {
    String core = segment.strip();
    if (core.isEmpty()) {
      return 0;
    }
    char c = core.charAt(0);
    return Character.isLetterOrDigit(c) ? (core.length() + 3) / 4 : 1;
  }
}
