package dev.rampart.plugins.router.support;

import static dev.rampart.plugins.router.support.RouterFixtures.chat;
import static dev.rampart.plugins.router.support.RouterFixtures.chatWithTool;
import static dev.rampart.plugins.router.support.RouterFixtures.model;
import static dev.rampart.plugins.router.support.RouterFixtures.textOfTokens;
import static dev.rampart.plugins.router.support.RouterFixtures.unavailable;
import static dev.rampart.plugins.router.support.RouterFixtures.withoutJson;
import static dev.rampart.plugins.router.support.RouterFixtures.withoutTools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.router.Candidate;
import dev.rampart.plugins.router.support.Eligibility.Screening;
import java.util.List;
import org.junit.jupiter.api.Test;

class EligibilityTest {

  private final Candidate small = model("offline", "small", 4096, 0.1, 0.2);
  private final Candidate large = model("offline", "large", 128_000, 1, 2);

  @Test
  void keepsOnlyModelsWhoseWindowHoldsPromptAndMaxTokens() {
    Screening s = Eligibility.screen(List.of(small, large), RequestNeeds.of(chat("m", textOfTokens(5000))), "x");

    assertEquals(List.of(large), s.eligible());
    assertTrue(s.reasons().get(0).startsWith("excluded offline/small: context window 4096 <"), s.reasons().toString());
  }

  @Test
  void putsOpenCircuitsLastWithAReason() {
    Screening s = Eligibility.screen(List.of(unavailable(small), large), RequestNeeds.of(chat("m", "hi")), "x");

    assertEquals(List.of("offline/large", "offline/small"), s.eligible().stream().map(Targets::label).toList());
    assertEquals(List.of("skipped offline/small: circuit open"), s.reasons());
    assertTrue(s.anyAvailable());
  }

  @Test
  void contextTooLargeWhenCapableModelsAreAllTooSmall() {
    Screening s = Eligibility.screen(List.of(small), RequestNeeds.of(chat("m", textOfTokens(5000))), "x");

    assertEquals(ErrorCode.CONTEXT_TOO_LARGE, s.failure().orElseThrow().code());
  }

  @Test
  void noProviderWhenNoModelHasTheCapabilities() {
    Screening tools = Eligibility.screen(List.of(withoutTools(large)), RequestNeeds.of(chatWithTool("m", "hi")), "x");
    Screening json = Eligibility.screen(List.of(withoutJson(large)),
        RequestNeeds.of(chat("m", "hi", RouterFixtures.jsonObject())), "x");
    Screening none = Eligibility.screen(List.of(), RequestNeeds.of(chat("m", "hi")), "x");

    assertEquals(ErrorCode.NO_PROVIDER, tools.failure().orElseThrow().code());
    assertEquals(List.of("excluded offline/large: no tool calling"), tools.reasons());
    assertEquals(ErrorCode.NO_PROVIDER, json.failure().orElseThrow().code());
    assertEquals(ErrorCode.NO_PROVIDER, none.failure().orElseThrow().code());
  }
}
