package dev.rampart.plugins.pii.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The edges of the shortcuts the IP, IBAN and e-mail scanners take on log lines: a dotted quad
 * read from a run's start before the run is walked, an upper-case chunk walked only where an
 * IBAN could fit, and a host that repeats the last one compared rather than walked. Each
 * expectation is what the walks without shortcuts found (2dcad7f).
 */
class AddressShortcutsTest {

  private final DetectionEngine engine = new DetectionEngine(EngineOptions.defaults("s"));

  private List<String> found(String text) {
    return engine.scan(text).findings().stream()
        .map(f -> f.entityType() + ":" + text.substring(f.start(), f.end())).toList();
  }

  private void assertFinds(Map<String, List<String>> cases) {
    cases.forEach((text, expected) -> assertEquals(expected, found(text), text));
  }

  @Test
  void aDottedQuadIsTheWholeRunLessTrailingDotsAndEndsAtABoundary() {
    Map<String, List<String>> cases = new LinkedHashMap<>();
    cases.put("ip=10.0.0.1", List.of("IP_ADDRESS:10.0.0.1"));
    cases.put("ping 10.0.0.1.", List.of("IP_ADDRESS:10.0.0.1"));
    cases.put("x=1.2.3.4/24", List.of("IP_ADDRESS:1.2.3.4/24"));
    cases.put("1.2.3.4-x", List.of("IP_ADDRESS:1.2.3.4"));
    cases.put("1.2.3/4.5.6.7", List.of("IP_ADDRESS:4.5.6.7"));
    cases.put("[1.2.3.4]", List.of("IP_ADDRESS:1.2.3.4"));
    cases.put("(1.2.3.4)", List.of("IP_ADDRESS:1.2.3.4"));
    cases.put("1.2.3.4@x", List.of("IP_ADDRESS:1.2.3.4"));
    // the run goes on past the quad, or starts inside a word, or the quad is no quad
    for (String none : List.of("1.2.3.4.5", "1.2.3.4a", "1.2.3.4.a", "1.2.3.4.b", "1.2.3.4_b", "1.2.3.4\u00e9",
        "a1.2.3.4", "x1.2.3.4", ".1.2.3.4", "01.2.3.4", "1.2.3.256", "v 10.0.0.1..")) {
      cases.put(none, List.of());
    }
    assertFinds(cases);
  }

  @Test
  void aVersionNumberedLikeAQuadScoresLow() {
    DetectionEngine all = new DetectionEngine(new EngineOptions(EnumSet.allOf(EntityType.class), 0.0, "US",
        EngineOptions.DEFAULT_OTHER_REGIONS, "s"));
    assertEquals(0.4, all.scan("version 1.2.3.4").findings().get(0).score(), 1e-9);
    assertEquals(0.9, all.scan("ip=1.2.3.4").findings().get(0).score(), 1e-9);
  }

  @Test
  void anUpperCaseIbanStartsWhereItFitsItsChunk() {
    Map<String, List<String>> cases = new LinkedHashMap<>();
    cases.put("T GB82WEST12345698765432", List.of("IBAN:GB82WEST12345698765432"));
    cases.put("-GB82WEST12345698765432-", List.of("IBAN:GB82WEST12345698765432"));
    cases.put("GB82 WEST 1234 5698 7654 32", List.of("IBAN:GB82 WEST 1234 5698 7654 32"));
    cases.put("DE89370400440532013000", List.of("IBAN:DE89370400440532013000"));
    for (String none : List.of("id=XXGB82WEST", "ABCDEFGHIJKGB82 x", "2026-11-21TGB82WEST12345698765432",
        "NOGB82 WEST 1234 5698 7654 32", "xGB82WEST12345698765432")) {
      cases.put(none, List.of());
    }
    assertFinds(cases);
  }

  @Test
  void aLowerCaseIbanStartsItsChunkInOneCase() {
    Map<String, List<String>> cases = new LinkedHashMap<>();
    cases.put("de89370400440532013000", List.of("IBAN:de89370400440532013000"));
    cases.put("(de89 3704 0044 0532 0130 00)", List.of("IBAN:de89 3704 0044 0532 0130 00"));
    for (String none : List.of("iban=de89370400440532013000", "de89370400440532013000x", "dE89370400440532013000")) {
      cases.put(none, List.of());
    }
    assertFinds(cases);
  }

  @Test
  void aRepeatedHostIsTheSameHostOnlyWhereItsWalkWouldStopThere() {
    Map<String, List<String>> cases = new LinkedHashMap<>();
    String first = "a@example.org ";
    cases.put(first + "b@example.org", List.of("EMAIL:a@example.org", "EMAIL:b@example.org"));
    cases.put(first + "b@example.org.", List.of("EMAIL:a@example.org", "EMAIL:b@example.org"));
    cases.put(first + "b@example.org,c@example.org",
        List.of("EMAIL:a@example.org", "EMAIL:b@example.org", "EMAIL:c@example.org"));
    cases.put(first + "b@example.orgs", List.of("EMAIL:a@example.org", "EMAIL:b@example.orgs"));
    cases.put(first + "b@example.org.uk", List.of("EMAIL:a@example.org", "EMAIL:b@example.org.uk"));
    cases.put(first + "b@example.or", List.of("EMAIL:a@example.org", "EMAIL:b@example.or"));
    for (String rejected : List.of("b@example.org-x", "b@example.org@x", "b@example.org\u00e9", "b@example.org_x",
        "b@example.org:org/repo.git")) {
      cases.put(first + rejected, List.of("EMAIL:a@example.org"));
    }
    assertFinds(cases);
  }
}
