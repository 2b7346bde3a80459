package dev.rampart.contracts.guard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settles overlapping findings so each stretch of text is claimed by at most one entity. Apply it
 * once, to every candidate of every detector together (the platform does): settling one
 * detector's candidates first and then again with the others can lose a finding, since a
 * candidate that hides another in the first pass may itself lose to a third in the second.
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

  private FindingResolver() {}

  /** The type resolved in its own layer. */
  public static final String INJECTION = "PROMPT_INJECTION";

  // written out rather than chained (Comparator.comparing...thenComparing): entity-dense texts
  // have thousands of candidates and the chained form was a visible share of a scan
  private static final Comparator<Finding> RANKING = (a, b) -> {
    int c = Double.compare(b.score(), a.score());
    if (c == 0) {
      c = Integer.compare(b.end() - b.start(), a.end() - a.start());
    }
    if (c == 0) {
      c = Integer.compare(a.start(), b.start());
    }
    if (c == 0) {
      c = a.entityType().compareTo(b.entityType());
    }
    return c != 0 ? c : a.detectorId().compareTo(b.detectorId());
  };

  private static final Comparator<Finding> BY_POSITION = (a, b) -> {
    int c = Integer.compare(a.start(), b.start());
    if (c == 0) {
      c = Integer.compare(a.end(), b.end());
    }
    return c != 0 ? c : a.entityType().compareTo(b.entityType());
  };

  /**
   * The non-overlapping subset of {@code candidates} chosen by the rule above.
   *
   * <p>The rule only ever compares candidates that overlap, so it is applied cluster by cluster:
   * sorted by position, a layer falls into clusters of candidates that overlap one another
   * (transitively), and a candidate alone in its cluster — most of them, in most texts — is kept
   * without being ranked at all.
   */
  public static List<Finding> resolve(List<Finding> candidates) {
    for (Finding f : candidates) {
      if (f.start() == f.end()) {
        List<Finding> ranked = new ArrayList<>(candidates);
        ranked.sort(RANKING);
        return resolveWithEmptySpans(ranked);
      }
    }
    List<Finding> sorted = new ArrayList<>(candidates);
    sorted.sort(BY_POSITION); // scanners report in text order, so this merges a few sorted runs
    List<Finding> kept = new ArrayList<>(sorted.size());
    boolean injections = settleLayer(sorted, false, kept);
    if (injections) {
      settleLayer(sorted, true, kept);
      kept.sort(BY_POSITION); // merges the two layers
    }
    return kept;
  }

  /**
   * Adds to {@code kept}, in position order, what the rule keeps of one layer of {@code sorted}
   * (the injection layer if {@code injections}); says whether the other layer has candidates.
   */
  private static boolean settleLayer(List<Finding> sorted, boolean injections, List<Finding> kept) {
    boolean other = false;
    List<Finding> cluster = new ArrayList<>();
    int clusterEnd = 0;
    for (Finding f : sorted) {
      if (INJECTION.equals(f.entityType()) != injections) {
        other = true;
        continue;
      }
      if (!cluster.isEmpty() && f.start() >= clusterEnd) {
        settleCluster(cluster, kept);
        cluster.clear();
      }
      clusterEnd = cluster.isEmpty() ? f.end() : Math.max(clusterEnd, f.end());
      cluster.add(f);
    }
    if (!cluster.isEmpty()) {
      settleCluster(cluster, kept);
    }
    return other;
  }

  private static void settleCluster(List<Finding> cluster, List<Finding> kept) {
    if (cluster.size() == 1) {
      kept.add(cluster.get(0));
      return;
    }
    List<Finding> ranked = new ArrayList<>(cluster);
    ranked.sort(RANKING);
    kept.addAll(resolveSpans(ranked, cluster.get(0).start()));
  }

  /**
   * The rule for non-empty spans of one layer, all at or after {@code origin}: kept spans are
   * disjoint, so a candidate overlaps one exactly when one of its positions is already claimed;
   * claiming costs each position at most once.
   */
  private static List<Finding> resolveSpans(List<Finding> ranked, int origin) {
    int extent = 0;
    for (Finding f : ranked) {
      extent = Math.max(extent, f.end() - origin);
    }
    long[] claimed = new long[(extent + 63) >>> 6];
    List<Finding> kept = new ArrayList<>();
    for (Finding f : ranked) {
      if (!anyClaimed(claimed, f.start() - origin, f.end() - origin)) {
        claim(claimed, f.start() - origin, f.end() - origin);
        kept.add(f);
      }
    }
    kept.sort(BY_POSITION);
    return kept;
  }

  /** Whether a bit in {@code [from, to)} is set; looks at those words only (from < to). */
  private static boolean anyClaimed(long[] bits, int from, int to) {
    int first = from >>> 6;
    int last = (to - 1) >>> 6;
    long firstMask = -1L << from; // shifts use the low six bits: the bit within the word
    long lastMask = -1L >>> -to;
    if (first == last) {
      return (bits[first] & firstMask & lastMask) != 0;
    }
    if ((bits[first] & firstMask) != 0 || (bits[last] & lastMask) != 0) {
      return true;
    }
    for (int w = first + 1; w < last; w++) {
      if (bits[w] != 0) {
        return true;
      }
    }
    return false;
  }

  private static void claim(long[] bits, int from, int to) {
    int first = from >>> 6;
    int last = (to - 1) >>> 6;
    long firstMask = -1L << from;
    long lastMask = -1L >>> -to;
    if (first == last) {
      bits[first] |= firstMask & lastMask;
      return;
    }
    bits[first] |= firstMask;
    for (int w = first + 1; w < last; w++) {
      bits[w] = -1L;
    }
    bits[last] |= lastMask;
  }

  /** The rule when some candidate has an empty span, which the claimed-positions view cannot see. */
  private static List<Finding> resolveWithEmptySpans(List<Finding> ranked) {
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
