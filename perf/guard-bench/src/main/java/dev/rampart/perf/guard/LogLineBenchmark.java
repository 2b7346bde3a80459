package dev.rampart.perf.guard;

import dev.rampart.plugins.pii.engine.DetectionEngine;
import dev.rampart.plugins.pii.engine.EngineOptions;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The log-redaction case: the same entity-dense log text as {@link GuardScanBenchmark}'s
 * {@code logs}, scanned one line at a time (~150 chars each), as the logging layer scans every
 * line. The per-scan fixed costs (setting up a scan, and each line's own phone-number check,
 * whose verdicts are remembered within a scan only) show here and not in the whole-text figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LogLineBenchmark {

  private String[] lines;
  private DetectionEngine engine;

  @Setup
  public void setUp() {
    lines = SampleTexts.corpus("logs", GuardScanBenchmark.TEXT_CHARS).split("\n");
    engine = new DetectionEngine(EngineOptions.defaults("bench"));
  }

  /** One op scans every line once: the whole text's worth of chars, line by line. */
  @Benchmark
  public int allDetectorsLineByLine() {
    int found = 0;
    for (String line : lines) {
      found += engine.scan(line).findings().size();
    }
    return found;
  }

  /** Chars scanned per op (the newlines are not). */
  static int bytesPerOp() {
    int chars = 0;
    for (String line : SampleTexts.corpus("logs", GuardScanBenchmark.TEXT_CHARS).split("\n")) {
      chars += line.length();
    }
    return chars;
  }
}
