package dev.rampart.plugins.pii.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.contracts.guard.Finding;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall per entity type over the labelled corpus in
 * {@code src/test/resources/corpus/labelled.tsv}. A finding counts as a true positive only on a
 * line labelled with its type and only with the exact labelled span ("*" accepts any span, for
 * prompt injection); every other finding is a false positive, whatever line it is on.
 */
class CorpusEvaluationTest {

  private static final double PRECISION_FLOOR = 0.95;
  private static final double RECALL_FLOOR = 0.95;


  private static final Map<String, int[]> COUNTS = new TreeMap<>(); // type -> {tp, fp, fn}

  @BeforeAll
  static void evaluate() throws IOException {
    DetectionEngine engine = new DetectionEngine(EngineOptions.defaults("corpus"));
    for (LabelledRow line : LabelledRow.read("/corpus/labelled.tsv")) {
      counts(line.type());
      int expectedStart = "-".equals(line.value()) || "*".equals(line.value()) ? -1 : line.text().indexOf(line.value());
      boolean matched = false;
      for (Finding f : engine.scan(line.text()).findings()) {
        boolean sameType = f.entityType().equals(line.type());
        boolean spanOk = "*".equals(line.value())
            || (f.start() == expectedStart && f.end() == expectedStart + line.value().length());
        if (sameType && spanOk && !"-".equals(line.value())) {
          if (!matched) {
            counts(f.entityType())[0]++;
          }
          matched = true;
        } else {
          counts(f.entityType())[1]++;
          System.out.printf("FP %-16s %s  <- %s%n", f.entityType(), line.text().substring(f.start(), f.end()), line.text());
        }
      }
      if (!matched && !"-".equals(line.value())) {
        counts(line.type())[2]++;
        System.out.printf("FN %-16s %s%n", line.type(), line.text());
      }
    }
    System.out.println("| type | TP | FP | FN | precision | recall |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    COUNTS.forEach((type, c) -> System.out.printf("| %s | %d | %d | %d | %.3f | %.3f |%n",
        type, c[0], c[1], c[2], precision(c), recall(c)));
  }

  private static int[] counts(String type) {
    return COUNTS.computeIfAbsent(type, t -> new int[3]);
  }

  private static double precision(int[] c) {
    return c[0] + c[1] == 0 ? 1.0 : (double) c[0] / (c[0] + c[1]);
  }

  private static double recall(int[] c) {
    return c[0] + c[2] == 0 ? 1.0 : (double) c[0] / (c[0] + c[2]);
  }

  @Test
  void everyEntityTypeIsInTheCorpus() {
    for (EntityType t : EntityType.values()) {
      assertTrue(COUNTS.containsKey(t.name()) && COUNTS.get(t.name())[0] > 0, "no true positive for " + t);
    }
  }

  @Test
  void everyEntityTypeMeetsThePrecisionFloor() {
    COUNTS.forEach((type, c) ->
        assertTrue(precision(c) >= PRECISION_FLOOR, type + " precision " + precision(c) + " < " + PRECISION_FLOOR));
  }

  @Test
  void everyEntityTypeMeetsTheRecallFloor() {
    COUNTS.forEach((type, c) ->
        assertTrue(recall(c) >= RECALL_FLOOR, type + " recall " + recall(c) + " < " + RECALL_FLOOR));
  }
}
