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
 */
public interface PiiDetector extends Extension {

  /** The entity types this detector can produce, e.g. {@code EMAIL}, {@code CREDIT_CARD}. */
  Set<String> entityTypes();

  /** Every finding in {@code text}, in any order; offsets are UTF-16 indexes into {@code text}. */
  List<Finding> detect(CharSequence text);
}
