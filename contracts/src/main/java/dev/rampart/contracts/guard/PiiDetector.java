package dev.rampart.contracts.guard;

import dev.rampart.contracts.Extension;
import java.util.List;
import java.util.Set;

/**
 * Finds entities (PII, secrets, prompt-injection attempts) in text.
 *
 * <p><b>Threading and cost.</b> {@link #detect} is a plain, synchronous call because it is pure
 * CPU work: it runs on the caller's thread (often an event loop) and must take time linear in
 * the text's length with no I/O and no backtracking blow-ups. The kernel bounds the size of any
 * text it passes ({@code guard.max-text-chars}), which is what bounds the call's time.
 *
 * <p><b>Errors.</b> A detector that throws is reported as {@code PLUGIN_FAILED} for that scan;
 * it must not keep per-call state, since calls may run concurrently on several threads.
 *
 * <p><b>Time limit.</b> The guard gives each scan a deadline ({@code guard.scan-deadline-ms}).
 * The {@code text} a detector receives checks that deadline as it is read ({@code charAt},
 * {@code subSequence}, {@code toString}) and throws once it has passed, so a detector that walks
 * the text (a {@code java.util.regex} matcher over the {@link CharSequence} does) is stopped in
 * the middle of a runaway match. A detector that copies the text out first is only checked when
 * it returns. Either way an overrun is reported as {@code PLUGIN_TIMEOUT} and its findings are
 * dropped; the guard then refuses the text rather than let it through unscanned.
 *
 * <p><b>Findings.</b> Offsets must lie within the text and every finding's type must be one of
 * {@link #entityTypes()}; otherwise the guard treats the call as failed. The guard sets
 * {@link Finding#detectorId()} to the instance name, and settles overlaps between detectors
 * itself (higher score, then longer span, then earlier start, then type name, then detector).
 */
public interface PiiDetector extends Extension {

  /** The entity types this detector can produce, e.g. {@code EMAIL}, {@code CREDIT_CARD}. */
  Set<String> entityTypes();

  /** Every finding in {@code text}, in any order; offsets are UTF-16 indexes into {@code text}. */
  List<Finding> detect(CharSequence text);

  /**
   * The longest entity, in UTF-16 chars, this detector can report. The streaming guard holds back
   * this many characters minus one at the end of each chunk, so that an entity split across
   * chunks is still seen whole; a smaller value keeps a stream more fluid, a larger one catches
   * longer entities (PEM keys, long tokens) across chunk boundaries. The guard caps it at
   * {@code guard.max-hold-back-chars}. The default, 256, covers e-mail addresses, card numbers,
   * IBANs, API keys and most tokens.
   */
  default int maxEntityLength() {
    return 256;
  }
}
