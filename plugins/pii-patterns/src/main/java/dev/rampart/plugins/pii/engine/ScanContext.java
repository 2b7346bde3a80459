package dev.rampart.plugins.pii.engine;

import dev.rampart.contracts.guard.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one scan: the text, its chunks, its budget and the candidates found so far.
 * One per call.
 */
final class ScanContext {

  private final String text;
  private final TextChunks chunks;
  private final ScanBudget budget;
  private final String detectorId;
  private final List<Finding> candidates = new ArrayList<>();
  private Map<String, Boolean> phoneVerdicts;

  ScanContext(String text, TextChunks chunks, ScanBudget budget, String detectorId) {
    this.text = text;
    this.chunks = chunks;
    this.budget = budget;
    this.detectorId = detectorId;
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

  /** Records a candidate; the score is clamped to 1 so context boosts can simply add. */
  void add(EntityType type, int start, int end, double score) {
    candidates.add(new Finding(type.name(), start, end, Math.min(1.0, score), detectorId));
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
