package dev.rampart.plugins.router.rules;

import dev.rampart.contracts.router.Candidate;
import java.util.List;
import java.util.Optional;

/**
 * Extra conditions a strategy alias puts on its candidates, on top of what every request needs.
 *
 * @param among targets to choose from; empty means every candidate of the tenant
 * @param minContextWindow smallest context window accepted
 * @param tools require tool calling even when the request offers no tools
 * @param jsonMode require a JSON mode even when the request does not ask for JSON
 * @param expectedOutputTokens completion tokens assumed for the cost estimate when the request
 *     sets no {@code max-tokens}
 */
record StrategyConstraints(
    List<String> among, int minContextWindow, boolean tools, boolean jsonMode, int expectedOutputTokens) {

  static final int DEFAULT_EXPECTED_OUTPUT_TOKENS = 256;

  StrategyConstraints {
    among = List.copyOf(among);
  }

  static StrategyConstraints none() {
    return new StrategyConstraints(List.of(), 0, false, false, DEFAULT_EXPECTED_OUTPUT_TOKENS);
  }

  /** Why a candidate fails these constraints, if it does. */
  Optional<String> violation(Candidate c) {
    if (c.model().contextWindow() < minContextWindow) {
      return Optional.of("context window " + c.model().contextWindow() + " < min-context-window " + minContextWindow);
    }
    if (tools && !c.model().supportsTools()) {
      return Optional.of("strategy requires tools");
    }
    if (jsonMode && !c.model().supportsJsonMode()) {
      return Optional.of("strategy requires json-mode");
    }
    return Optional.empty();
  }
}
