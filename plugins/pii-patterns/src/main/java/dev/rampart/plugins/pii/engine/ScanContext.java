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
  private Map<String, Boolean> phoneVerdicts;

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
    }
  }

  List<Finding> candidates() {
    return candidates;
  }

  /** Phone-number verdicts already reached in this scan, by region and candidate. */
  Map<String, Boolean> phoneVerdicts() {
    if (phoneVerdicts == null) {
      phoneVerdicts = new HashMap<>();
    }
    return phoneVerdicts;
  }
}
