package dev.rampart.plugins.pii.engine;

import dev.rampart.contracts.guard.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one scan: the text, its chunks, its budget and the candidates found so far.
 * One per call.
 */
final class ScanContext {

  private final String text;
  private final TextChunks chunks;
  private final ScanBudget budget;
  private final String detectorId;
  private final Set<EntityType> enabled;
  private final double minScore;
  private final List<Finding> candidates = new ArrayList<>();
  /** Bit {@code type.ordinal()} set once a candidate of that type is kept. */
  private int keptTypes;
  private Map<String, Boolean> phoneVerdicts;
  private int[] longTokens;
  private int longTokenCount;

  /** A scan keeping the candidates of the {@code enabled} types that score {@code minScore} or more. */
  ScanContext(String text, TextChunks chunks, ScanBudget budget, String detectorId, Set<EntityType> enabled,
      double minScore) {
    this.text = text;
    this.chunks = chunks;
    this.budget = budget;
    this.detectorId = detectorId;
    this.enabled = enabled;
    this.minScore = minScore;
  }

  String text() {
    return text;
  }

  /** The shared classification of {@link #text()}. */
  TextChunks chunks() {
    return chunks;
  }

  ScanBudget budget() {
    return budget;
  }

  /**
   * Records a candidate; the score is clamped to 1 so context boosts can simply add. Candidates
   * of types not enabled, or under the threshold, are dropped here rather than kept to the end.
   */
  void add(EntityType type, int start, int end, double score) {
    double clamped = Math.min(1.0, score);
    if (clamped >= minScore && enabled.contains(type)) {
      candidates.add(new Finding(type.name(), start, end, clamped, detectorId));
      keptTypes |= 1 << type.ordinal();
    }
  }

  /** Whether a candidate of {@code type} has been kept. */
  boolean holds(EntityType type) {
    return (keptTypes & (1 << type.ordinal())) != 0;
  }

  List<Finding> candidates() {
    return candidates;
  }

  /**
   * The maximal runs of {@link CharClasses#SECRET} chars that are at least
   * {@link TextChunks#LONG_CHUNK} long, as triples in text order ({@link #longTokenCount()} of
   * them): start, end, and the chunk ({@link #chunks()} index) the run lies in (a run never spans
   * whitespace); found on first use by one walk over the long chunks. Tokens, keys and base64
   * payloads all lie in such runs (base64 chars are secret chars too).
   */
  int[] longTokensWithChunks() {
    if (longTokens == null) {
      findLongTokens();
    }
    return longTokens;
  }

  int longTokenCount() {
    if (longTokens == null) {
      findLongTokens();
    }
    return longTokenCount;
  }

  private void findLongTokens() {
    longTokens = new int[24];
    for (int k = 0; k < chunks.count(); k++) {
      // a run of LONG_CHUNK characters has no whitespace in it
      if ((chunks.classes(k) & TextChunks.LONG) == 0) {
        continue;
      }
      int i = chunks.start(k);
      int to = chunks.end(k);
      budget.charge(to - i);
      if ((chunks.classes(k) & ~TextChunks.SECRET_ONLY) == 0) {
        i = addLongToken(i, to, k); // made only of secret chars: one run
      } else if (!mayHoldLongToken(i, to)) {
        continue;
      }
      while (i < to) {
        if (!CharClasses.is(text.charAt(i), CharClasses.SECRET)) {
          i++;
          continue;
        }
        int end = i + 1;
        while (end < to && CharClasses.is(text.charAt(end), CharClasses.SECRET)) {
          end++;
        }
        if (end - i >= TextChunks.LONG_CHUNK) {
          addLongToken(i, end, k);
        }
        i = end;
      }
    }
  }

  /**
   * False when the chunk {@code start..end} cannot hold a run of {@link TextChunks#LONG_CHUNK}
   * secret chars. In a chunk shorter than twice that, every such run covers the chars from {@code
   * end - LONG_CHUNK} to {@code start + LONG_CHUNK - 1}: one of them not a secret char rules the
   * chunk out. Read from the middle out, a timestamp or an e-mail chunk is turned away in a few
   * chars instead of walked whole.
   */
  private boolean mayHoldLongToken(int start, int end) {
    if (end - start >= 2 * TextChunks.LONG_CHUNK) {
      return true;
    }
    for (int p = start + TextChunks.LONG_CHUNK - 1; p >= end - TextChunks.LONG_CHUNK; p--) {
      if (!CharClasses.is(text.charAt(p), CharClasses.SECRET)) {
        return false;
      }
    }
    return true;
  }

  private int addLongToken(int start, int end, int chunk) {
    if (longTokenCount * 3 == longTokens.length) {
      longTokens = java.util.Arrays.copyOf(longTokens, longTokens.length * 2);
    }
    longTokens[longTokenCount * 3] = start;
    longTokens[longTokenCount * 3 + 1] = end;
    longTokens[longTokenCount * 3 + 2] = chunk;
    longTokenCount++;
    return end;
  }

  /** Phone-number verdicts already reached in this scan, by region and candidate. */
  Map<String, Boolean> phoneVerdicts() {
    if (phoneVerdicts == null) {
      phoneVerdicts = new HashMap<>();
    }
    return phoneVerdicts;
  }
}
