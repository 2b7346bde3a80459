package dev.rampart.plugins.pii.engine;

import dev.rampart.perf.guard.SampleTexts;
import java.util.Arrays;
import java.util.List;

/**
 * Where a scan's time goes: the shared pass ({@link TextChunks}) and each family alone over it,
 * in µs per scan of a corpus (median of rounds), beside a whole scan. Lives in the engine's
 * package to reach its package-private parts; compiled into the benchmark jar.
 *
 * <pre>java -cp target/benchmarks.jar dev.rampart.plugins.pii.engine.FamilyCosts logs 400</pre>
 *
 * <p>A family alone pays for what it is first to use: the long tokens ({@link
 * ScanContext#longTokensWithChunks()}) are charged to every family that reads them, so the family rows add
 * up to a little more than the whole.
 */
public final class FamilyCosts {

  private FamilyCosts() {}

  public static void main(String[] args) {
    String corpus = args.length > 0 ? args[0] : "logs";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    String text = SampleTexts.corpus(corpus, 256 * 1024);
    EngineOptions options = EngineOptions.defaults("costs");
    DetectionEngine engine = new DetectionEngine(options);
    List<EntityScanner> scanners = engine.scanners();
    int families = scanners.size();
    long[][] nanos = new long[families + 2][rounds];
    int warmUp = 100;
    for (int r = 0; r < warmUp + rounds; r++) {
      boolean timed = r >= warmUp;
      long t0 = System.nanoTime();
      new TextChunks(text, engine.triggerShapes());
      record(nanos[0], r - warmUp, timed, System.nanoTime() - t0);
      for (int f = 0; f < families; f++) {
        ScanContext ctx = new ScanContext(text, new TextChunks(text, engine.triggerShapes()),
            new ScanBudget(Long.MAX_VALUE), "costs", options.enabled(), options.minScore());
        long t1 = System.nanoTime();
        scanners.get(f).scan(ctx);
        record(nanos[f + 1], r - warmUp, timed, System.nanoTime() - t1);
      }
      long t2 = System.nanoTime();
      engine.scan(text);
      record(nanos[families + 1], r - warmUp, timed, System.nanoTime() - t2);
    }
    long whole = median(nanos[families + 1]);
    System.out.printf("%s, %d rounds: µs per scan of %d chars (median)%n", corpus, rounds, text.length());
    System.out.println("| part | µs | share of a whole scan |");
    System.out.println("|---|---:|---:|");
    for (int row = 0; row < families + 2; row++) {
      String name = row == 0 ? "shared pass (TextChunks)"
          : row == families + 1 ? "whole scan" : scanners.get(row - 1).getClass().getSimpleName();
      long m = median(nanos[row]);
      System.out.printf("| %s | %.0f | %.1f %% |%n", name, m / 1e3, 100.0 * m / whole);
    }
    System.out.printf("whole scan: %.1f MB/s%n", text.length() / (whole / 1e9) / 1e6);
  }

  private static void record(long[] into, int at, boolean timed, long took) {
    if (timed) {
      into[at] = took;
    }
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
