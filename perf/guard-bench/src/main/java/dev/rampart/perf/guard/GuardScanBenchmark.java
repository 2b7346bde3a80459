package dev.rampart.perf.guard;

import dev.rampart.plugins.pii.engine.DetectionEngine;
import dev.rampart.plugins.pii.engine.EngineOptions;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Scan throughput of the full pii-patterns engine (every entity type and the injection
 * heuristics on) against a floor: one precompiled java.util.regex pass for e-mail addresses
 * over the same text. {@link GuardBench} turns ops/s into MB/s and the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GuardScanBenchmark {

  /** Characters per scanned text. */
  static final int TEXT_CHARS = 256 * 1024;

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]{1,64}+@[A-Za-z0-9-]{1,63}+(?:\\.[A-Za-z0-9-]{1,63}+){0,8}+\\.[A-Za-z]{2,24}+");

  @Param({"prose", "logs", "phones"})
  public String corpus;

  private String text;
  private DetectionEngine engine;

  @Setup
  public void setUp() {
    text = SampleTexts.corpus(corpus, TEXT_CHARS);
    engine = new DetectionEngine(EngineOptions.defaults("bench"));
  }

  @Benchmark
  public int allDetectors() {
    return engine.scan(text).findings().size();
  }

  @Benchmark
  public int emailRegexFloor() {
    Matcher m = EMAIL.matcher(text);
    int found = 0;
    while (m.find()) {
      found++;
    }
    return found;
  }

  static int textBytes(String corpus) {
    String t = SampleTexts.corpus(corpus, TEXT_CHARS);
    return t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }
}
