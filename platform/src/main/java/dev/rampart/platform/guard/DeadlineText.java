package dev.rampart.platform.guard;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;

/**
 * The text a detector reads, with the scan's deadline built in: reading it after the deadline
 * throws. Detection calls are synchronous and may run on an event loop, so they cannot be
 * interrupted from outside; this is how the guard stops a detector in the middle of a runaway
 * loop or a catastrophically backtracking {@code java.util.regex} match (the matcher reads its
 * input through {@link #charAt}). The clock is read every {@value #CHECK_EVERY} reads, which keeps
 * the cost to a counter per character. One per detector call; not thread-safe.
 */
final class DeadlineText implements CharSequence {

  static final int CHECK_EVERY = 256;

  private final String text;
  private final int from;
  private final int to;
  private final Clock clock;

  /** The deadline shared by a text and every sub-sequence cut from it. */
  static final class Clock {
    private final long deadlineNanos;
    private final String detector;
    private final long budgetMs;
    private int reads;

    Clock(long deadlineNanos, String detector, long budgetMs) {
      this.deadlineNanos = deadlineNanos;
      this.detector = detector;
      this.budgetMs = budgetMs;
    }

    void tick() {
      if (++reads >= CHECK_EVERY) {
        reads = 0;
        check();
      }
    }

    void check() {
      if (System.nanoTime() - deadlineNanos > 0) {
        throw overrun(detector, budgetMs);
      }
    }
  }

  static RampartException overrun(String detector, long budgetMs) {
    return new RampartException(ErrorCode.PLUGIN_TIMEOUT,
        "guard scan overran its " + budgetMs + " ms deadline in detector '" + detector + "'; the text was refused unscanned");
  }

  DeadlineText(String text, Clock clock) {
    this(text, 0, text.length(), clock);
  }

  private DeadlineText(String text, int from, int to, Clock clock) {
    this.text = text;
    this.from = from;
    this.to = to;
    this.clock = clock;
  }

  @Override
  public int length() {
    return to - from;
  }

  @Override
  public char charAt(int index) {
    clock.tick();
    if (index < 0 || index >= to - from) {
      throw new IndexOutOfBoundsException(index);
    }
    return text.charAt(from + index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    clock.check();
    if (start < 0 || end < start || end > to - from) {
      throw new IndexOutOfBoundsException("bad range " + start + ".." + end);
    }
    return new DeadlineText(text, from + start, from + end, clock);
  }

  /** A plain copy escapes the in-call checks; the guard checks the deadline again when the call returns. */
  @Override
  public String toString() {
    clock.check();
    return from == 0 && to == text.length() ? text : text.substring(from, to);
  }
}
