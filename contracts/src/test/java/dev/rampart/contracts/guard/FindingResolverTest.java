package dev.rampart.contracts.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingResolverTest {

  private static Finding f(String type, int start, int end, double score) {
    return new Finding(type, start, end, score, "d");
  }

  @Test
  void higherScoreWinsAnOverlap() {
    assertEquals(List.of(f("CREDIT_CARD", 0, 19, 0.85)),
        FindingResolver.resolve(List.of(f("PHONE_NUMBER", 0, 14, 0.65), f("CREDIT_CARD", 0, 19, 0.85))));
  }

  @Test
  void onEqualScoreTheLongerSpanWins() {
    assertEquals(List.of(f("URL", 0, 30, 0.8)), FindingResolver.resolve(List.of(f("IP_ADDRESS", 8, 19, 0.8), f("URL", 0, 30, 0.8))));
  }

  @Test
  void onEqualScoreAndLengthTheEarlierThenAlphabeticalWins() {
    assertEquals(List.of(f("B", 0, 5, 0.5)), FindingResolver.resolve(List.of(f("A", 3, 8, 0.5), f("B", 0, 5, 0.5))));
    assertEquals(List.of(f("A", 0, 5, 0.5)), FindingResolver.resolve(List.of(f("B", 0, 5, 0.5), f("A", 0, 5, 0.5))));
  }

  @Test
  void resultDoesNotDependOnInputOrder() {
    List<Finding> in = new ArrayList<>(List.of(f("A", 0, 5, 0.5), f("B", 4, 9, 0.6), f("C", 8, 12, 0.6), f("D", 20, 25, 0.1)));
    List<Finding> first = FindingResolver.resolve(in);
    Collections.reverse(in);
    assertEquals(first, FindingResolver.resolve(in));
    assertEquals(List.of(f("B", 4, 9, 0.6), f("D", 20, 25, 0.1)), first);
  }

  @Test
  void manyRandomCandidatesAreSettledAsTheRuleSays() {
    java.util.Random r = new java.util.Random(11);
    for (int round = 0; round < 200; round++) {
      List<Finding> in = new ArrayList<>();
      int count = 1 + r.nextInt(60);
      for (int k = 0; k < count; k++) {
        int start = r.nextInt(300);
        int end = start + 1 + r.nextInt(round % 10 == 0 ? 2 : 40); // some rounds are all short spans
        String type = r.nextInt(5) == 0 ? "PROMPT_INJECTION" : String.valueOf((char) ('A' + r.nextInt(4)));
        in.add(f(type, start, end, r.nextInt(5) / 4.0));
      }
      assertEquals(byTheRule(in), FindingResolver.resolve(in), "round " + round);
    }
  }

  @Test
  void candidatesInDetectorOrderManyOrFarOutAreSettledAsTheRuleSays() {
    // as detectors report: each one's candidates in text order, one detector after another; few
    // runs and many (past the run-merging limit), equal spans of different types, and offsets
    // past what the packed sort keys hold
    java.util.Random r = new java.util.Random(5);
    for (int round = 0; round < 120; round++) {
      List<Finding> in = new ArrayList<>();
      int detectors = 1 + r.nextInt(round % 3 == 0 ? 150 : 12);
      int base = round % 4 == 1 ? (1 << 23) - 200 : 0;
      for (int d = 0; d < detectors; d++) {
        int at = base + r.nextInt(50);
        for (int k = r.nextInt(40); k > 0; k--) {
          at += r.nextInt(30);
          int end = at + 1 + r.nextInt(20);
          String type = r.nextInt(6) == 0 ? "PROMPT_INJECTION" : String.valueOf((char) ('A' + r.nextInt(4)));
          in.add(f(type, at, end, r.nextInt(5) / 4.0));
          if (r.nextInt(8) == 0) {
            in.add(f(String.valueOf((char) ('A' + r.nextInt(4))), at, end, r.nextInt(5) / 4.0)); // same span
          }
        }
      }
      assertEquals(byTheRule(in), FindingResolver.resolve(in), "round " + round);
    }
  }

  /** The rule in the class javadoc for non-empty spans, written the slow and obvious way. */
  private static List<Finding> byTheRule(List<Finding> candidates) {
    List<Finding> ranked = new ArrayList<>(candidates);
    ranked.sort(java.util.Comparator.comparingDouble(Finding::score).reversed()
        .thenComparing(java.util.Comparator.comparingInt((Finding x) -> x.end() - x.start()).reversed())
        .thenComparingInt(Finding::start).thenComparing(Finding::entityType).thenComparing(Finding::detectorId));
    List<Finding> kept = new ArrayList<>();
    for (Finding c : ranked) {
      boolean injection = c.entityType().equals("PROMPT_INJECTION");
      boolean clash = kept.stream()
          .filter(k -> k.entityType().equals("PROMPT_INJECTION") == injection)
          .anyMatch(k -> overlap(k, c));
      if (!clash) {
        kept.add(c);
      }
    }
    kept.sort(java.util.Comparator.comparingInt(Finding::start).thenComparingInt(Finding::end).thenComparing(Finding::entityType));
    return kept;
  }

  private static boolean overlap(Finding a, Finding b) {
    return a.start() < b.end() && b.start() < a.end();
  }

  @Test
  void injectionSpansDoNotSuppressEntitiesInside() {
    List<Finding> out = FindingResolver.resolve(List.of(f("PROMPT_INJECTION", 0, 40, 0.9), f("EMAIL", 10, 20, 0.9)));
    assertEquals(2, out.size());
  }
}
