package dev.rampart.plugins.router.adaptive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.plugins.router.support.ResponseFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeatureExtractionTest {

  private final DomainFlags defaults = new DomainFlags(AdaptiveSettings.DEFAULT_DOMAINS);

  private Set<String> domains(String text) {
    return defaults.flags(Words.padded(Words.of(text)));
  }

  @Test
  void domainKeywordsMatchWholeWordsAndPhrasesInAnyCase() {
    assertEquals(Set.of("legal"), domains("Is the INDEMNITY clause in this contract enforceable?"));
    assertEquals(Set.of("code"), domains("Why does this print a stack trace?"));
    assertEquals(Set.of("medical"), domains("What dosage is safe, and what are the side effects?"));
    assertEquals(Set.of("code", "legal"), domains("Write Python that parses a contract"));
    assertEquals(Set.of(), domains("The contractor's stack, traced back, was fine"));
  }

  @Test
  void configuredDomainsAreMatchedToo() {
    DomainFlags finance = new DomainFlags(java.util.Map.of("finance", List.of("balance sheet", "EBITDA")));

    assertEquals(Set.of("finance"), finance.flags(Words.padded(Words.of("Explain ebitda to me"))));
    assertEquals(Set.of("finance"), finance.flags(Words.padded(Words.of("Read this Balance-Sheet"))));
  }

  @Test
  void noveltyIsHighForNewTextAndLowForRepeats() {
    NoveltyWindow window = new NoveltyWindow(8);
    String weather = "What will the weather be like in Lisbon tomorrow afternoon, and should I take an umbrella?";
    String tax = "How do I file my tax return as a freelancer who moved countries in the middle of the year?";

    assertEquals(1.0, window.noveltyThenRemember(MinHash.signature(Words.of(weather))));
    assertTrue(window.noveltyThenRemember(MinHash.signature(Words.of(tax))) > 0.9);
    assertEquals(0.0, window.noveltyThenRemember(MinHash.signature(Words.of(weather))));
    double nearRepeat = window.noveltyThenRemember(MinHash.signature(
        Words.of("What will the weather be like in Lisbon tomorrow morning, and should I take an umbrella?")));
    assertTrue(nearRepeat < 0.6, "near repeat novelty " + nearRepeat);
  }

  @Test
  void noveltyWindowForgetsTheOldestRequest() {
    NoveltyWindow window = new NoveltyWindow(2);
    List<String> first = Words.of("alpha beta gamma delta epsilon");
    window.noveltyThenRemember(MinHash.signature(first));
    window.noveltyThenRemember(MinHash.signature(Words.of("one two three four five")));
    window.noveltyThenRemember(MinHash.signature(Words.of("six seven eight nine ten")));

    assertEquals(1.0, window.noveltyThenRemember(MinHash.signature(first)));
  }

  @Test
  void failureRateIsAnEwmaOfObservedFailures() {
    TenantState state = new TenantState("acme");
    state.failureAlpha(0.5);

    assertEquals(0.0, state.failureRate("offline/small"));
    state.recordCall("offline/small", true);
    assertEquals(0.5, state.failureRate("offline/small"), 1e-9);
    state.recordCall("offline/small", true);
    assertEquals(0.75, state.failureRate("offline/small"), 1e-9);
    state.recordCall("offline/small", false);
    assertEquals(0.375, state.failureRate("offline/small"), 1e-9);
  }

  @Test
  void onlyUnenforcedJsonCountsAsTheJsonFeature() {
    assertEquals(1.0, features(100, ResponseFormat.JSON_OBJECT, 0, 0).jsonFeature());
    assertEquals(1.0, features(100, ResponseFormat.JSON_SCHEMA, 0, 0).jsonFeature());
    assertEquals(0.0, features(100, ResponseFormat.STRICT_JSON_SCHEMA, 0, 0).jsonFeature());
    assertEquals(0.0, features(100, ResponseFormat.NONE, 0, 0).jsonFeature());
  }

  @Test
  void scoreGrowsWithTokenCountAndWithFailureRate() {
    ScoreWeights w = ScoreWeights.DEFAULTS;
    double previous = -1;
    for (int tokens : new int[] {0, 100, 1_000, 4_000, 16_000, 64_000, 256_000}) {
      double p = TierScore.probability(features(tokens, ResponseFormat.NONE, 0.5, 0.1), w);
      assertTrue(p > previous, tokens + " tokens: " + p + " <= " + previous);
      previous = p;
    }
    previous = -1;
    for (double rate : new double[] {0, 0.05, 0.1, 0.3, 0.6, 1}) {
      double p = TierScore.probability(features(1_000, ResponseFormat.NONE, 0.5, rate), w);
      assertTrue(p > previous, "failure rate " + rate + ": " + p + " <= " + previous);
      previous = p;
    }
  }

  @Test
  void scoreIsTheLogisticOfTheWeightedFeatures() {
    ScoreWeights w = new ScoreWeights(-1, 0, 0, 2, 0, 0, java.util.Map.of());
    RequestFeatures withTools = new RequestFeatures(10, ResponseFormat.NONE, true, Set.of(), 0, 0);

    assertEquals(1 / (1 + Math.exp(-1)), TierScore.probability(withTools, w), 1e-12);
  }

  private static RequestFeatures features(int tokens, ResponseFormat format, double novelty, double failureRate) {
    return new RequestFeatures(tokens, format, false, Set.of(), novelty, failureRate);
  }
}
