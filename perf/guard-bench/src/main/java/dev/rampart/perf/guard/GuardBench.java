package dev.rampart.perf.guard;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the JMH benchmarks (usual JMH arguments) and prints MB/s per corpus and the ratio to the
 * floor; the line-by-line log scan is compared with the floor measured on the whole log text.
 */
public final class GuardBench {

  private GuardBench() {}

  public static void main(String[] args) throws Exception {
    Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
    Map<String, double[]> byCorpus = new TreeMap<>(); // corpus -> {all MB/s, floor MB/s}
    double lineByLine = -1;
    for (RunResult r : results) {
      if (r.getParams().getBenchmark().endsWith("allDetectorsLineByLine")) {
        lineByLine = r.getPrimaryResult().getScore() * LogLineBenchmark.bytesPerOp() / 1e6;
        continue;
      }
      String corpus = r.getParams().getParam("corpus");
      String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
      double mbPerSecond = r.getPrimaryResult().getScore() * GuardScanBenchmark.textBytes(corpus) / 1e6;
      byCorpus.computeIfAbsent(corpus, c -> new double[2])[method.equals("allDetectors") ? 0 : 1] = mbPerSecond;
    }
    System.out.println();
    System.out.println("| corpus | all detectors (MB/s) | email regex floor (MB/s) | all / floor |");
    System.out.println("|---|---:|---:|---:|");
    byCorpus.forEach((corpus, v) -> System.out.printf("| %s | %.1f | %.1f | %.2f |%n", corpus, v[0], v[1], v[0] / v[1]));
    double[] logs = byCorpus.get("logs");
    if (lineByLine >= 0) {
      System.out.printf("| logs, line by line | %.1f | %s | %s |%n", lineByLine,
          logs == null ? "-" : String.format("%.1f", logs[1]), logs == null ? "-" : String.format("%.2f", lineByLine / logs[1]));
    }
  }
}
