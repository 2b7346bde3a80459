package dev.rampart.platform.guard;

import dev.rampart.contracts.guard.Finding;
import dev.rampart.platform.guard.TextGuard.Direction;
import java.util.ArrayList;
import java.util.List;

/**
 * Guards a streamed text chunk by chunk while keeping it a stream.
 *
 * <p><b>Why holding back {@code L - 1} characters is enough.</b> With {@code L} the longest entity
 * the detectors can report, an entity that still needs characters not yet received starts
 * within the last {@code L - 1} characters received. Everything before that line can be judged
 * now — except an entity that starts before the line and ends after it, which is held back whole
 * so the same entity is never emitted half-masked. A trailing high surrogate is held too, so a
 * pair split across chunks is never mistaken for an unpaired one.
 *
 * <p>Each push re-scans the held-back part with the new chunk, so a push costs {@code O(L + chunk)};
 * findings are counted once, when the text holding them is released. A block (an entity whose
 * action is {@code block}, or injection above the threshold) throws {@code guard-blocked} from
 * the push that sees it; the guard is then spent and every later call throws the same.
 * Single consumer: not thread-safe.
 */
final class WindowedStreamGuard implements TextGuard.StreamGuard {

  private final PolicyTextGuard guard;
  private final GuardPolicy policy;
  private final Direction direction;
  private final List<DetectorSet.Detector> detectors;
  private final int holdBack;
  private final StringBuilder pending = new StringBuilder();
  private double injectionScore;
  private boolean injectionFlagged;
  private RuntimeException spent;

  WindowedStreamGuard(PolicyTextGuard guard, GuardPolicy policy, Direction direction,
      List<DetectorSet.Detector> detectors, int holdBack) {
    this.guard = guard;
    this.policy = policy;
    this.direction = direction;
    this.detectors = detectors;
    this.holdBack = holdBack;
  }

  /** How many characters are held back at most (the detectors' longest entity minus one, capped). */
  int holdBack() {
    return holdBack;
  }

  @Override
  public String push(String chunk) {
    ensureLive();
    pending.append(chunk);
    int end = pending.length();
    if (end > 0 && Character.isHighSurrogate(pending.charAt(end - 1))) {
      end--;
    }
    if (end - holdBack <= 0) {
      return "";
    }
    return release(end, end - holdBack);
  }

  @Override
  public String finish() {
    ensureLive();
    String out = release(pending.length(), pending.length());
    pending.setLength(0);
    return out;
  }

  @Override
  public double injectionScore() {
    return injectionScore;
  }

  @Override
  public boolean injectionFlagged() {
    return injectionFlagged;
  }

  /** Scans {@code pending[0, end)} and releases it up to {@code line}, moved back before any entity crossing it. */
  private String release(int end, int line) {
    GuardScan scan;
    try {
      scan = guard.evaluate(policy, direction, guard.checked(pending.substring(0, end), direction), detectors);
      if (scan.blocked()) {
        throw guard.refuse(scan, direction);
      }
    } catch (RuntimeException e) {
      spent = e;
      throw e;
    }
    injectionScore = Math.max(injectionScore, scan.injectionScore());
    injectionFlagged |= scan.injectionFlagged();
    int cut = line;
    for (GuardScan.Acted a : scan.findings()) {
      Finding f = a.finding();
      if (!FindingResolver.INJECTION.equals(f.entityType()) && f.start() < cut && f.end() > cut) {
        cut = f.start();
      }
    }
    if (cut <= 0) {
      return "";
    }
    List<GuardScan.Acted> released = new ArrayList<>();
    for (GuardScan.Acted a : scan.findings()) {
      if (a.finding().end() <= cut && !FindingResolver.INJECTION.equals(a.finding().entityType())) {
        released.add(a);
      }
    }
    guard.count(released, direction);
    String clean = UnpairedSurrogates.replace(pending.substring(0, end));
    String out = PolicyTextGuard.rewrite(clean, 0, cut, released, policy.hashKey());
    pending.delete(0, cut);
    return out;
  }

  private void ensureLive() {
    if (spent != null) {
      throw spent;
    }
  }
}
