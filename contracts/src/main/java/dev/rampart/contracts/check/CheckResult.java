package dev.rampart.contracts.check;

import java.time.Duration;
import java.util.Map;

/**
 * What a check produced.
 *
 * @param status outcome
 * @param exitCode process exit code, -1 when it did not exit by itself
 * @param output captured stdout and stderr, truncated
 * @param truncated whether output was cut
 * @param counts parsed counts, e.g. {@code passed}, {@code failed}, {@code warnings}
 * @param duration wall time
 */
public record CheckResult(
    Status status,
    int exitCode,
    String output,
    boolean truncated,
    Map<String, Long> counts,
    Duration duration) {

  public CheckResult {
    counts = Map.copyOf(counts);
  }

  /** Outcome of a check. */
  public enum Status {
    /** Ran and succeeded. */
    PASSED,
    /** Ran and reported failures. */
    FAILED,
    /** Stopped at its time limit. */
    TIMED_OUT,
    /** Could not be started. */
    ERROR
  }
}
