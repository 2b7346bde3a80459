package dev.rampart.plugins.pii.engine;

import dev.rampart.contracts.guard.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settles overlapping findings so each stretch of text is claimed by at most one entity.
 *
 * <p><b>Rule</b> (deterministic, independent of input order): candidates are ranked by score
 * (higher first), then span length (longer first), then start (earlier first), then type name
 * (alphabetical), then detector id; walking that ranking, a candidate is kept when it overlaps
 * no candidate already kept. So a Luhn-valid card (0.85) beats a phone-number reading of the
 * same digits (0.65), and a JWT beats the generic-secret reading of the same token.
 *
 * <p>{@code PROMPT_INJECTION} findings are settled among themselves only: an injection phrase
 * may contain an e-mail address, and both are worth reporting. The result is sorted by start.
 */
public final class FindingResolver {

  /** The type resolved in its own layer. */
  public static final String INJECTION = EntityType.PROMPT_INJECTION.name();

  private static final Comparator<Finding> RANKING = Comparator.comparingDouble(Finding::score).reversed()
      .thenComparing(Comparator.comparingInt((Finding f) -> f.end() - f.start()).reversed())
      .thenComparingInt(Finding::start)
      .thenComparing(Finding::entityType)
      .thenComparing(Finding::detectorId);

  private static final Comparator<Finding> BY_POSITION = Comparator.comparingInt(Finding::start)
      .thenComparingInt(Finding::end)
      .thenComparing(Finding::entityType);

  /** The non-overlapping subset of {@code candidates} chosen by the rule above. */
  public List<Finding> resolve(List<Finding> candidates) {
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
    // an empty span at an occupied start is still a duplicate
    return f.start() == f.end() && kept.containsKey(f.start());
  }
}
