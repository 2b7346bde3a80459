package dev.rampart.plugins.router.support;

import static dev.rampart.plugins.router.support.RouterFixtures.chat;
import static dev.rampart.plugins.router.support.RouterFixtures.chatWithTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.contracts.llm.ChatMessage;
import dev.rampart.contracts.llm.ChatRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenEstimatorTest {

  @Test
  void countsOneTokenPerFourCharactersRoundedUpPlusOverheadPerMessage() {
    assertEquals(4 + 25, TokenEstimator.promptTokens(chat("m", "x".repeat(100))));
    assertEquals(4 + 26, TokenEstimator.promptTokens(chat("m", "x".repeat(101))));
    ChatRequest two = new ChatRequest("m", List.of(ChatMessage.of("system", "abcd"), ChatMessage.of("user", "efgh")),
        List.of(), new JsonObject());
    assertEquals(4 + 4 + 2, TokenEstimator.promptTokens(two));
  }

  @Test
  void toolDefinitionsCountTowardsThePrompt() {
    assertTrue(TokenEstimator.promptTokens(chatWithTool("m", "hi")) > TokenEstimator.promptTokens(chat("m", "hi")));
  }

  @Test
  void needsAddMaxTokensToThePrompt() {
    RequestNeeds needs = RequestNeeds.of(chat("m", "x".repeat(400), new JsonObject().put("max-tokens", 500)));

    assertEquals(104, needs.promptTokens());
    assertEquals(500, needs.maxOutputTokens());
    assertEquals(604, needs.requiredTokens());
  }

  @Test
  void malformedMaxTokensCountsAsNone() {
    assertEquals(0, RequestNeeds.of(chat("m", "hi", new JsonObject().put("max-tokens", "lots"))).maxOutputTokens());
  }
}
