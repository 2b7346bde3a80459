package dev.rampart.contracts.guard;

/**
 * One detected entity.
 *
 * @param entityType upper snake case type, e.g. {@code EMAIL}, {@code PROMPT_INJECTION}
 * @param start inclusive UTF-16 offset into the scanned text
 * @param end exclusive UTF-16 offset
 * @param score confidence from 0 to 1; validated matches (checksums) score higher than shapes
 * @param detectorId the instance name of the detector that produced it
 */
public record Finding(String entityType, int start, int end, double score, String detectorId) {

  public Finding {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
    if (score < 0 || score > 1) {
      throw new IllegalArgumentException("score must be within 0..1, was " + score);
    }
  }
}
