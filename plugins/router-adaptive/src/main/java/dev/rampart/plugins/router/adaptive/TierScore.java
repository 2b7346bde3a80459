package dev.rampart.plugins.router.adaptive;

import java.util.List;

/**
 * The logistic score: {@code p = 1 / (1 + exp(-(bias + Σ weight·feature)))}, read as the
 * probability that the small tier fails this request. It is calibrated in the sense that the
 * weights are log-odds: a weight of ln 2 ≈ 0.69 doubles the odds of failure, and the failure-rate
 * feature ties the score to what the small tier's model has actually been doing. The tier is then
 * the first whose {@code max-score} holds {@code p}.
 */
final class TierScore {

  private TierScore() {}

  static double probability(RequestFeatures f, ScoreWeights w) {
    double z = w.bias()
        + w.tokens() * f.sizeFeature()
        + w.json() * f.jsonFeature()
        + (f.tools() ? w.tools() : 0)
        + w.novelty() * f.novelty()
        + w.failureRate() * f.failureRate();
    for (String domain : f.domains()) {
      z += w.domain(domain);
    }
    return 1 / (1 + Math.exp(-z));
  }

  /** Index of the first tier whose bound holds the score. */
  static int tierFor(double p, List<TierSpec> tiers) {
    for (int i = 0; i < tiers.size(); i++) {
      if (p <= tiers.get(i).maxScore()) {
        return i;
      }
    }
    return tiers.size() - 1;
  }
}
