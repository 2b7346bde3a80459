package dev.rampart.platform.guard;

import dev.rampart.contracts.guard.Finding;
import dev.rampart.contracts.guard.FindingResolver;
import dev.rampart.platform.guard.TextGuard.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Guards a streamed text chunk by chunk while keeping it a stream.
 *
 * <p><b>Why holding back {@code L - 1} characters is enough.</b> With {@code L} the longest entity
 * the detectors must see whole ({@code maxEntityLength()}), an entity that still needs characters
 * not yet received starts within the last {@code L - 1} characters received. Everything before
 * that line can be judged now — except an entity that starts before the line and ends after it,
 * which is held back whole so the same entity is never emitted half-masked. A trailing high
 * surrogate is held too, so a pair split across chunks is never mistaken for an unpaired one.
 *
 * <p><b>Entities longer than that</b> (PEM keys, long JWTs, URLs) are reported by their detector
 * as still growing ({@code PiiDetector.openEntities}) while the held text ends inside them; the
 * line then moves back to the earliest such start whose type the policy does not allow, so the
 * stream pauses only while such an entity is being generated. The pause is bounded by
 * {@code guard.max-hold-back-chars}. <b>Past the bound the guard fails closed:</b> the entity is
 * taken as found — the stream is refused if its action is {@code block}, otherwise the held part
 * is emitted as {@code [TYPE]} (a partial entity can be neither masked nor hashed meaningfully),
 * and the rest of the entity is dropped as it arrives. To know where the rest ends, the guard keeps
 * the entity's first {@value #ANCHOR_CHARS} characters and asks the detectors about them followed
 * by the new text, still holding back the last {@code L - 1} characters in case they begin the
 * marker that ends it: the entity ends where it is no longer growing, at the end of the finding that
 * starts at the anchor (or, when no detector reports one, at the next whitespace). Releasing the
 * held text instead would put most of a private key on the wire in clear, one bound at a time.
 *
 * <p>Each push re-scans the held-back part with the new chunk, so a push costs {@code O(held + chunk)};
 * findings are counted once, when the text holding them is released. A block (an entity whose
 * action is {@code block}, or injection above the threshold) throws {@code guard-blocked} from
 * the push that sees it; the guard is then spent and every later call throws the same.
 * Single consumer: not thread-safe.
 */
final class WindowedStreamGuard implements TextGuard.StreamGuard {

  /** How many of an outgrown entity's first characters are kept, so its detector still sees it. */
  static final int ANCHOR_CHARS = 256;

  private final PolicyTextGuard guard;
  private final GuardPolicy policy;
  private final Direction direction;
  private final List<DetectorSet.Detector> detectors;
  private final int holdBack;
  private final int maxHold;
  private final StringBuilder pending = new StringBuilder();
  /** The first characters of an entity that outgrew the bound and is being dropped; null otherwise. */
  private String dropping;
  private double injectionScore;
  private boolean injectionFlagged;
  private RuntimeException spent;

  WindowedStreamGuard(PolicyTextGuard guard, GuardPolicy policy, Direction direction,
      List<DetectorSet.Detector> detectors, int holdBack, int maxHold) {
    this.guard = guard;
    this.policy = policy;
    this.direction = direction;
    this.detectors = detectors;
    this.holdBack = holdBack;
    this.maxHold = maxHold;
  }

  /** How many characters are held back when no entity is growing (the longest entity minus one, capped). */
  int holdBack() {
    return holdBack;
  }

  /** How many characters are held back now. */
  int held() {
    return pending.length();
  }

  @Override
  public String push(String chunk) {
    ensureLive();
    try {
      pending.append(chunk);
      if (dropping != null && !dropThroughEntity(wholeEnd(), false)) {
        return "";
      }
      int end = wholeEnd();
      if (end - holdBack <= 0) {
        return "";
      }
      return release(end, end - holdBack, true);
    } catch (RuntimeException e) {
      spent = e;
      throw e;
    }
  }

  @Override
  public String finish() {
    ensureLive();
    try {
      if (dropping != null) {
        dropThroughEntity(pending.length(), true);
      }
      String out = release(pending.length(), pending.length(), false);
      pending.setLength(0);
      return out;
    } catch (RuntimeException e) {
      spent = e;
      throw e;
    }
  }

  @Override
  public double injectionScore() {
    return injectionScore;
  }

  @Override
  public boolean injectionFlagged() {
    return injectionFlagged;
  }

  /** The end of {@code pending} without a trailing high surrogate, whose pair may come next. */
  private int wholeEnd() {
    int end = pending.length();
    return end > 0 && Character.isHighSurrogate(pending.charAt(end - 1)) ? end - 1 : end;
  }

  /**
   * Scans {@code pending[0, end)} and releases it up to {@code line}, moved back before any entity
   * crossing it and, while more text may come ({@code growing}), before any entity still growing.
   */
  private String release(int end, int line, boolean growing) {
    String text = guard.checked(pending.substring(0, end), direction);
    GuardScan scan = guard.evaluate(policy, direction, text, detectors);
    if (scan.blocked()) {
      throw guard.refuse(scan, direction);
    }
    injectionScore = Math.max(injectionScore, scan.injectionScore());
    injectionFlagged |= scan.injectionFlagged();
    int cut = line;
    if (growing) {
      Optional<DetectorSet.Open> open = guard.openEntity(policy, direction, text, detectors);
      if (open.isPresent() && open.get().start() < cut) {
        if (end - open.get().start() > maxHold) {
          return outgrown(scan, text, end, open.get());
        }
        cut = open.get().start();
      }
    }
    cut = beforeCrossing(scan, cut);
    if (cut <= 0) {
      return "";
    }
    List<GuardScan.Acted> released = endingBy(scan, cut);
    guard.count(released, direction);
    String out = PolicyTextGuard.rewrite(text, 0, cut, released, policy.hashKey());
    pending.delete(0, cut);
    return out;
  }

  /**
   * An entity still growing would make the held text exceed the bound: emits what precedes it,
   * then {@code [TYPE]}, and drops from then on what belongs to it (see the class comment).
   */
  private String outgrown(GuardScan scan, String text, int end, DetectorSet.Open open) {
    if (policy.action(open.entityType(), direction) == GuardAction.BLOCK) {
      throw guard.refuseOpen(open.entityType(), direction);
    }
    int start = beforeCrossing(scan, open.start());
    List<GuardScan.Acted> released = new ArrayList<>(endingBy(scan, start));
    Finding taken = new Finding(open.entityType(), start, end, 1.0, open.detector());
    released.add(new GuardScan.Acted(taken, GuardAction.REDACT.wire()));
    guard.count(released, direction);
    String out = PolicyTextGuard.rewrite(text, 0, start, released, policy.hashKey())
        + EntityRewriter.rewrite(GuardAction.REDACT, open.entityType(), text.subSequence(start, end), policy.hashKey());
    dropping = text.substring(open.start(), Math.min(end, open.start() + ANCHOR_CHARS));
    pending.delete(0, end);
    return out;
  }

  /**
   * Drops from {@code pending[0, end)} what still belongs to the entity being dropped (all of it
   * when the stream is {@code finishing} inside it); returns
   * true once its end has been seen, the text after it being left in {@code pending}.
   */
  private boolean dropThroughEntity(int end, boolean finishing) {
    String text = guard.checked(dropping + pending.substring(0, end), direction);
    Optional<DetectorSet.Open> open = guard.openEntity(policy, direction, text, detectors);
    if (open.isPresent() && open.get().start() == 0) {
      // the last L - 1 chars are kept, as ever: they may begin the marker that ends the entity
      pending.delete(0, finishing ? end : Math.max(0, end - holdBack));
      return false;
    }
    int entityEnd = -1;
    for (GuardScan.Acted a : guard.evaluate(policy, direction, text, detectors).findings()) {
      Finding f = a.finding();
      if (f.start() == 0 && !FindingResolver.INJECTION.equals(f.entityType())) {
        entityEnd = Math.max(entityEnd, f.end());
      }
    }
    if (entityEnd < 0) {
      // no detector reports it whole (a header cut short by the anchor): tokens end at whitespace
      entityEnd = dropping.length();
      while (entityEnd < text.length() && !Character.isWhitespace(text.charAt(entityEnd))) {
        entityEnd++;
      }
    }
    pending.delete(0, Math.min(end, Math.max(0, entityEnd - dropping.length())));
    dropping = null;
    return true;
  }

  /** {@code cut}, moved back to the start of an entity crossing it. */
  private static int beforeCrossing(GuardScan scan, int cut) {
    for (GuardScan.Acted a : scan.findings()) {
      Finding f = a.finding();
      if (!FindingResolver.INJECTION.equals(f.entityType()) && f.start() < cut && f.end() > cut) {
        cut = f.start();
      }
    }
    return cut;
  }

  private static List<GuardScan.Acted> endingBy(GuardScan scan, int cut) {
    List<GuardScan.Acted> out = new ArrayList<>();
    for (GuardScan.Acted a : scan.findings()) {
      if (a.finding().end() <= cut && !FindingResolver.INJECTION.equals(a.finding().entityType())) {
        out.add(a);
      }
    }
    return out;
  }

  private void ensureLive() {
    if (spent != null) {
      throw spent;
    }
  }
}
