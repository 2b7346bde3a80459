package dev.rampart.platform.guard;

import dev.rampart.contracts.guard.Finding;
import java.util.List;

/**
 * Applies a tenant's guard policy to text crossing a boundary. The seam between the LLM gateway
 * (which guards chat input and model output), the conversation service (storage) and the guard
 * itself. Pure CPU, bounded by the maximum text size: calls are synchronous and safe on an
 * event loop.
 */
public interface TextGuard {

  /** Where the text is going. Policies are set per entity type and direction. */
  enum Direction {
    /** Into a model (chat input). */
    INPUT,
    /** Out of a model to the client. */
    OUTPUT,
    /** Into the store. */
    STORAGE,
    /** Into a log line. */
    LOGS
  }

  /**
   * The outcome of guarding one text.
   *
   * @param text the text after the policy's actions (mask, redact, hash)
   * @param findings what the detectors found, offsets into the original text
   * @param injectionScore the highest prompt-injection score, 0 when none
   * @param injectionFlagged true when injection was found below the blocking threshold
   */
  record GuardedText(String text, List<Finding> findings, double injectionScore, boolean injectionFlagged) {

    public GuardedText {
      findings = List.copyOf(findings);
    }
  }

  /**
   * Guards {@code text} for {@code tenantId} in {@code direction}.
   *
   * @throws dev.rampart.contracts.RampartException with {@code GUARD_BLOCKED} (naming entity
   *     types, never values) when the policy blocks, or {@code TEXT_TOO_LARGE}
   */
  GuardedText apply(String tenantId, Direction direction, String text);

  /** A guard for one streamed text (e.g. an SSE answer), fed chunk by chunk. */
  StreamGuard stream(String tenantId, Direction direction);

  /**
   * Streaming guard: holds back only as many characters as the longest pattern needs, so an
   * entity split across chunks is still caught and the stream stays a stream.
   */
  interface StreamGuard {

    /** Takes the next chunk; returns the text that is now safe to emit (may be empty). */
    String push(String chunk);

    /** The end of the stream: returns whatever was held back, guarded. */
    String finish();

    /** The highest prompt-injection score seen so far in the stream, 0 when none. */
    default double injectionScore() {
      return 0;
    }

    /** Whether injection was seen above the flag threshold (and below the block one) so far. */
    default boolean injectionFlagged() {
      return false;
    }
  }

  /** A guard that changes nothing: for tenants and tests without a policy. */
  TextGuard NONE = new TextGuard() {
    @Override
    public GuardedText apply(String tenantId, Direction direction, String text) {
      return new GuardedText(text, List.of(), 0, false);
    }

    @Override
    public StreamGuard stream(String tenantId, Direction direction) {
      return new StreamGuard() {
        @Override
        public String push(String chunk) {
          return chunk;
        }

        @Override
        public String finish() {
          return "";
        }
      };
    }
  };
}
