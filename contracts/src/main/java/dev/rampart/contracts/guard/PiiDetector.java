package dev.rampart.contracts.guard;

import dev.rampart.contracts.Extension;
import dev.rampart.contracts.Health;
import io.vertx.core.Future;
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

  /**
   * Reports whether this instance can serve scans. The default reports {@link Health#up()}: a
   * detector does no I/O, so once {@link #start} has succeeded there is nothing it depends on that
   * can go away (an instance whose start failed is reported down by the kernel without asking it).
   * Override it if the detector holds something that can fail later, such as a word list it
   * reloads.
   */
  @Override
  default Future<Health> health() {
    return Future.succeededFuture(Health.up());
  }

  /** The entity types this detector can produce, e.g. {@code EMAIL}, {@code CREDIT_CARD}. */
  Set<String> entityTypes();

  /** Every finding in {@code text}, in any order; offsets are UTF-16 indexes into {@code text}. */
  List<Finding> detect(CharSequence text);

  /**
   * The longest entity, in UTF-16 chars, this detector must see whole without help from
   * {@link #openEntities}. The streaming guard holds back this many characters minus one at the
   * end of each chunk, so that an entity split across chunks is still seen whole; a smaller value
   * keeps a stream more fluid. Entities that can be longer (PEM keys, long tokens, URLs) should be
   * reported by {@link #openEntities} while they may still be growing, rather than by raising this
   * value: that holds text back only while such an entity is actually being streamed. The guard
   * caps the hold-back at {@code guard.max-hold-back-chars}. The default, 256, covers e-mail
   * addresses, card numbers, IBANs, API keys and most tokens.
   */
  default int maxEntityLength() {
    return 256;
  }

  /**
   * Entities that start in {@code text} and may still be growing at its end: a PEM
   * {@code BEGIN ... PRIVATE KEY} line with no END yet, a JWT-shaped run touching the end of the
   * text, a long token after a word such as "secret" that the text ends inside. The streaming
   * guard calls this on the text it holds back (the same text it passes to {@link #detect}) and
   * holds everything from the earliest such start, however long, up to
   * {@code guard.max-hold-back-chars}; past that bound it treats the entity as found and redacts
   * the rest of it (or refuses the stream when the policy blocks the type).
   *
   * <p>Report an entity only while its end is not yet known (it reaches the end of {@code text}),
   * and only when it may grow longer than {@link #maxEntityLength()}: text is held back for as
   * long as one is reported. Same rules as {@link #detect}: pure CPU, time linear in the text's
   * length, no state kept between calls, offsets within the text, types among
   * {@link #entityTypes()}; a detector that throws or overruns the scan deadline fails the stream.
   * The default reports none, for detectors whose entities all fit in {@link #maxEntityLength()}.
   */
  default List<OpenEntity> openEntities(CharSequence text) {
    return List.of();
  }

  /**
   * An entity whose end has not been seen yet.
   *
   * @param entityType one of {@link PiiDetector#entityTypes()}
   * @param start UTF-16 offset of the first character the detector needs to report the entity
   *     once it is whole: the entity's own start, or that of a label it relies on ("api_key=")
   */
  record OpenEntity(String entityType, int start) {

    public OpenEntity {
      if (start < 0) {
        throw new IllegalArgumentException("negative start " + start);
      }
    }
  }
}
