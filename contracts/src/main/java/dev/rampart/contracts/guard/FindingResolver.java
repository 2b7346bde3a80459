package dev.rampart.contracts.guard;

import java.util.ArrayList;
import java.util.Arrays;
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
    List<Finding> entities = new ArrayList<>(candidates.size());
    List<Finding> injections = new ArrayList<>();
    for (Finding f : candidates) {
      (INJECTION.equals(f.entityType()) ? injections : entities).add(f);
    }
    List<Finding> kept = new ArrayList<>(candidates.size());
    settle(byPosition(entities), kept);
    if (!injections.isEmpty()) {
      settle(byPosition(injections), kept);
      kept.sort(BY_POSITION); // merges the two layers
    }
    return kept;
  }

  /** Bits of a packed sort key for the start and for the end of a span ({@link #byPosition}). */
  private static final int POSITION_BITS = 23;
  /** Bits of a packed sort key for the candidate's index. */
  private static final int INDEX_BITS = 64 - 2 * POSITION_BITS;
  /** Up to this many ascending runs, packed keys are merged run by run ({@link #sortRuns}). */
  private static final int MERGED_RUNS = 64;

  /**
   * {@code candidates} by start, then end. Equal spans may come in any order: they overlap, so
   * they always share a cluster, and a cluster is ranked by the whole rule. Entity-dense texts
   * have thousands of candidates, and a comparator sort of them was a visible share of a whole
   * scan; so when every span fits, each candidate is packed into one long (start, end, then its
   * index, which finds it again) and the longs are sorted as numbers.
   */
  private static Finding[] byPosition(List<Finding> candidates) {
    Finding[] given = candidates.toArray(new Finding[0]);
    int n = given.length;
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      Finding f = given[i];
      if (f.end() >= 1 << POSITION_BITS || n >= 1 << INDEX_BITS) {
        Arrays.sort(given, BY_POSITION); // spans past what a key holds: sorted the plain way (stable)
        return given;
      }
      // start first, then end, then index; start < 2^23, so the key is never negative
      keys[i] = (long) f.start() << (POSITION_BITS + INDEX_BITS) | (long) f.end() << INDEX_BITS | i;
    }
    sortRuns(keys);
    Finding[] sorted = new Finding[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = given[(int) (keys[i] & ((1L << INDEX_BITS) - 1))];
    }
    return sorted;
  }

  /**
   * Sorts distinct {@code keys} ascending. Each detector reports in text order, so the keys come
   * as a few ascending runs, one after another; those are merged pairwise (n log runs moves)
   * rather than sorted from scratch.
   */
  private static void sortRuns(long[] keys) {
    int n = keys.length;
    int[] starts = new int[MERGED_RUNS + 1]; // where each run starts; the first at 0
    int runs = 1;
    for (int i = 1; i < n; i++) {
      if (keys[i] < keys[i - 1]) {
        if (runs == MERGED_RUNS) {
          Arrays.sort(keys);
          return;
        }
        starts[runs++] = i;
      }
    }
    if (runs == 1) {
      return;
    }
    starts[runs] = n;
    long[] from = keys;
    long[] to = new long[n];
    while (runs > 1) {
      int merged = 0;
      for (int j = 0; j < runs; j += 2) {
        int mid = starts[Math.min(j + 1, runs)];
        merge(from, starts[j], mid, starts[Math.min(j + 2, runs)], to);
        starts[merged++] = starts[j];
      }
      starts[merged] = n;
      runs = merged;
      long[] swap = from;
      from = to;
      to = swap;
    }
    if (from != keys) {
      System.arraycopy(from, 0, keys, 0, n);
    }
  }

  /** Merges the ascending {@code from[lo..mid)} and {@code from[mid..hi)} into {@code to[lo..hi)}. */
  private static void merge(long[] from, int lo, int mid, int hi, long[] to) {
    int a = lo;
    int b = mid;
    for (int k = lo; k < hi; k++) {
      to[k] = b >= hi || (a < mid && from[a] < from[b]) ? from[a++] : from[b++];
    }
  }

  /**
   * Adds to {@code kept}, in position order, what the rule keeps of one layer, {@code sorted} by
   * position. A cluster's first member waits alone in {@code first}: most clusters have no
   * second one.
   */
  private static void settle(Finding[] sorted, List<Finding> kept) {
    Finding first = null;
    List<Finding> more = new ArrayList<>(); // the cluster's members after the first
    int clusterEnd = 0;
    for (Finding f : sorted) {
      if (first != null && f.start() >= clusterEnd) {
        settleCluster(first, more, kept);
        first = null;
      }
      if (first == null) {
        first = f;
        clusterEnd = f.end();
      } else {
        more.add(f);
        clusterEnd = Math.max(clusterEnd, f.end());
      }
    }
    if (first != null) {
      settleCluster(first, more, kept);
    }
  }

  /** Settles the cluster {@code first} + {@code more} into {@code kept} and empties {@code more}. */
  private static void settleCluster(Finding first, List<Finding> more, List<Finding> kept) {
    if (more.isEmpty()) {
      kept.add(first);
      return;
    }
    List<Finding> ranked = new ArrayList<>(more.size() + 1);
    ranked.add(first);
    ranked.addAll(more);
    more.clear();
    ranked.sort(RANKING);
    kept.addAll(resolveSpans(ranked, first.start()));
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
