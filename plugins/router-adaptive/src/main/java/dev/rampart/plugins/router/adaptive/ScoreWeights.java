package dev.rampart.plugins.router.adaptive;

import java.util.Map;

/**
 * Weights of the logistic score: each is the log-odds a feature adds to the chance that the
 * small tier fails. The defaults encode a prior (long, novel, tool-using or specialist requests,
 * and a small model that has been failing, make failure likelier); tune them per deployment.
 *
 * @param bias log-odds of failure for a short, familiar, plain request
 * @param tokens per unit of ln(1 + prompt tokens / 1000)
 * @param json when the request asks for JSON without a strict schema (the model must comply
 *     unaided)
 * @param tools when the request offers tools
 * @param novelty per unit of novelty (0 = seen recently, 1 = new)
 * @param failureRate per unit of the small tier's recent failure rate
 * @param domains per domain flag (name → weight); domains without a weight use 1
 */
record ScoreWeights(
    double bias, double tokens, double json, double tools, double novelty, double failureRate, Map<String, Double> domains) {

  static final ScoreWeights DEFAULTS = new ScoreWeights(-2.5, 0.8, 0.5, 1.0, 1.0, 4.0,
      Map.of("code", 0.8, "legal", 1.2, "medical", 1.2));

  ScoreWeights {
    domains = Map.copyOf(domains);
  }

  double domain(String name) {
    return domains.getOrDefault(name, 1.0);
  }
}
