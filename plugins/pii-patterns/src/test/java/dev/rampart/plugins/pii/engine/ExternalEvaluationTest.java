package dev.rampart.plugins.pii.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.contracts.guard.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Runs the outside-style evaluation set ({@code src/test/resources/external/outside.tsv}, built by
 * its {@code generate.py} from public test fixtures in real-world formats, not from this engine's
 * own examples) through the engine at its default options and prints, per type, the misses, the
 * findings with another span than labelled, and the false alarms. It fails on any of them except
 * the rows listed, each with its reason, in {@code external/known-misses.tsv}: the set keeps rows
 * this engine deliberately leaves alone.
 *
 * <p>A positive row counts as found when a finding of its type covers exactly the labelled value
 * ("*": any span); a finding of its type with another span is a "span" difference. On a negative
 * row ("-") a finding of the row's type is a false alarm; findings of other types, on any row,
 * are printed as "other" for review (a MAC address on a row that is negative for IP addresses is
 * right, a phone number inside a mistyped IBAN may not be).
 */
class ExternalEvaluationTest {


  @Test
  void findsEveryRowButTheKnownMisses() throws IOException {
    Set<String> known = knownMisses();
    DetectionEngine engine = new DetectionEngine(EngineOptions.defaults("outside"));
    Map<String, int[]> counts = new TreeMap<>(); // type -> {positives, found, span, missed, negatives, false alarms}
    List<String> report = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    for (LabelledRow row : LabelledRow.read("/external/outside.tsv")) {
      int[] c = counts.computeIfAbsent(row.type(), t -> new int[6]);
      List<Finding> findings = engine.scan(row.text()).findings();
      if ("-".equals(row.value())) {
        c[4]++;
        for (Finding f : findings) {
          if (f.entityType().equals(row.type())) {
            c[5]++;
            report.add(String.format("FALSE %-16s %s  <- %s", f.entityType(), span(row.text(), f), row.text()));
            unexpected.add("false alarm " + f.entityType() + ": " + row.text());
          } else {
            report.add(String.format("other %-16s %s  <- %s [not %s]", f.entityType(), span(row.text(), f), row.text(), row.type()));
          }
        }
        continue;
      }
      c[0]++;
      int start = "*".equals(row.value()) ? -1 : row.text().indexOf(row.value());
      boolean exact = false;
      Finding near = null;
      for (Finding f : findings) {
        if (!f.entityType().equals(row.type())) {
          report.add(String.format("other %-16s %s  <- %s [%s]", f.entityType(), span(row.text(), f), row.text(), row.type()));
        } else if (start < 0 || (f.start() == start && f.end() == start + row.value().length())) {
          exact = true;
        } else {
          near = f;
        }
      }
      if (exact) {
        c[1]++;
      } else if (near != null) {
        c[2]++;
        report.add(String.format("SPAN  %-16s %s  (want %s)  <- %s", row.type(), span(row.text(), near), row.value(), row.text()));
        unexpected.add("other span " + row.type() + ": " + row.text());
      } else {
        c[3]++;
        report.add(String.format("MISS  %-16s %s  <- %s", row.type(), row.value(), row.text()));
        if (!known.remove(row.type() + '\t' + row.text())) {
          unexpected.add("missed " + row.type() + ": " + row.text());
        }
      }
    }
    report.forEach(System.out::println);
    System.out.println("| type | positives | found | other span | missed | negatives | false alarms |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    counts.forEach((type, c) -> System.out.printf("| %s | %d | %d | %d | %d | %d | %d |%n", type, c[0], c[1], c[2], c[3], c[4], c[5]));
    known.forEach(k -> System.out.println("known miss now found (take it off known-misses.tsv): " + k));
    assertEquals(List.of(), unexpected);
  }

  /** "type TAB text" of the rows listed in known-misses.tsv. */
  private static Set<String> knownMisses() throws IOException {
    Set<String> known = new HashSet<>();
    try (InputStream in = ExternalEvaluationTest.class.getResourceAsStream("/external/known-misses.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] f = line.split("\t");
          known.add(f[0] + '\t' + f[1]);
        }
      }
    }
    return known;
  }

  private static String span(String text, Finding f) {
    return text.substring(f.start(), f.end()).replace("\n", "\\n") + String.format(" (%.2f)", f.score());
  }
}
