package dev.rampart.platform.guard;

import dev.rampart.contracts.guard.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settles overlapping findings of several detectors so each stretch of text is claimed by at
 * most one entity. The same rule as the {@code pii-patterns} detector applies within itself, so
 * one detector or several give the same answer.
 *
 * <p><b>Rule</b> (deterministic, independent of the order detectors ran in): rank by score
 * (higher first), span length (longer first), start (earlier first), type name, detector id;
 * walking that ranking, keep a finding when it overlaps none already kept. {@code PROMPT_INJECTION}
 * findings are settled among themselves only: an injection phrase may contain an e-mail address,
 * and both matter. The result is sorted by start.
 */
final class FindingResolver {

  static final String INJECTION = "PROMPT_INJECTION";

  private static final Comparator<Finding> RANKING = Comparator.comparingDouble(Finding::score).reversed()
      .thenComparing(Comparator.comparingInt((Finding f) -> f.end() - f.start()).reversed())
      .thenComparingInt(Finding::start)
      .thenComparing(Finding::entityType)
      .thenComparing(Finding::detectorId);

  private static final Comparator<Finding> BY_POSITION = Comparator.comparingInt(Finding::start)
      .thenComparingInt(Finding::end)
      .thenComparing(Finding::entityType)
      .thenComparing(Finding::detectorId);

  private FindingResolver() {}

  static List<Finding> resolve(List<Finding> candidates) {
    List<Finding> ranked = new ArrayList<>(candidates);
    ranked.sort(RANKING);
    TreeMap<Integer, Integer> entities = new TreeMap<>();
    TreeMap<Integer, Integer> injections = new TreeMap<>();
    List<Finding> kept = new ArrayList<>();
    for (Finding f : ranked) {
      TreeMap<Integer, Integer> layer = INJECTION.equals(f.entityType()) ? injections : entities;
      if (!overlaps(layer, f)) {
        layer.put(f.start(), f.end());
        kept.add(f);
      }
    }
    kept.sort(BY_POSITION);
    return kept;
  }

  /** Kept spans are disjoint, so only the one starting last before {@code f} ends can overlap. */
  private static boolean overlaps(TreeMap<Integer, Integer> kept, Finding f) {
    int lastStart = Math.max(f.end() - 1, f.start());
    Map.Entry<Integer, Integer> before = kept.floorEntry(lastStart);
    if (before != null && before.getValue() > f.start()) {
      return true;
    }
    return f.start() == f.end() && kept.containsKey(f.start());
  }
}
