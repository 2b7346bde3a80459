package dev.rampart.plugins.router.adaptive;

import dev.rampart.plugins.router.support.ResponseFormat;
import java.util.Locale;
import java.util.Set;

/**
 * What the tier score is computed from.
 *
 * @param promptTokens estimated prompt tokens
 * @param format JSON strictness asked for
 * @param tools whether tools are offered
 * @param domains domain flags raised by keywords
 * @param novelty 0 (repeat of a recent request) .. 1 (unlike any)
 * @param failureRate recent failure rate of the model the small tier would use, 0..1
 */
record RequestFeatures(
    int promptTokens, ResponseFormat format, boolean tools, Set<String> domains, double novelty, double failureRate) {

  RequestFeatures {
    domains = Set.copyOf(domains);
  }

  /** The size feature: grows with the prompt, but by its logarithm, so doubling always adds the same. */
  double sizeFeature() {
    return Math.log1p(promptTokens / 1000.0);
  }

  /** 1 when JSON is asked for without a strict schema (nothing enforces it but the model). */
  double jsonFeature() {
    return format == ResponseFormat.JSON_OBJECT || format == ResponseFormat.JSON_SCHEMA ? 1 : 0;
  }

  /** Features that keep a strict-JSON request from taking the early exit. */
  boolean hasHardFeature(int earlyExitMaxTokens) {
    return tools || !domains.isEmpty() || promptTokens > earlyExitMaxTokens;
  }

  String describe() {
    return String.format(Locale.ROOT,
        "features: tokens≈%d, json=%s, tools=%s, domains=%s, novelty=%.2f, small-tier failure rate=%.2f",
        promptTokens, format.label(), tools ? "yes" : "no", domains.isEmpty() ? "none" : String.join("+", new java.util.TreeSet<>(domains)),
        novelty, failureRate);
  }
}
