package dev.rampart.contracts.router;

import java.util.List;

/**
 * A routing choice.
 *
 * @param provider provider instance name
 * @param model the provider's model name
 * @param tier a policy-defined tier label, e.g. {@code small}, {@code large}
 * @param fallbacks further (provider, model) choices to try in order when the first fails
 * @param reasons human-readable reasons, returned to the client and logged
 */
public record RouteDecision(
    String provider, String model, String tier, List<Target> fallbacks, List<String> reasons) {

  public RouteDecision {
    fallbacks = List.copyOf(fallbacks);
    reasons = List.copyOf(reasons);
  }

  /**
   * A fallback target.
   *
   * @param provider provider instance name
   * @param model the provider's model name
   */
  public record Target(String provider, String model) {}
}
