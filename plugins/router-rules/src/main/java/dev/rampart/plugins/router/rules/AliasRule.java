package dev.rampart.plugins.router.rules;

import java.util.List;

/** What an alias stands for. Targets are {@code provider/model} or a bare model id. */
sealed interface AliasRule {

  /** {@code "fast": "offline/offline-small"}: one target. */
  record Direct(String target) implements AliasRule {}

  /** {@code "mix": [{target, weight}, ...]}: one target drawn in proportion to its weight. */
  record Weighted(List<WeightedTarget> entries) implements AliasRule {
    public Weighted {
      entries = List.copyOf(entries);
    }
  }

  /** A target and its weight (positive). */
  record WeightedTarget(String target, double weight) {}

  /** {@code "safe": {failover: [a, b]}}: the first that can serve, the rest as fallbacks. */
  record Failover(List<String> targets) implements AliasRule {
    public Failover {
      targets = List.copyOf(targets);
    }
  }

  /** {@code {cheapest: {...}}} or {@code {fastest: {...}}}: rank the candidates that pass. */
  record Strategy(Kind kind, StrategyConstraints constraints) implements AliasRule {}

  /** The ranking a strategy applies. */
  enum Kind {
    /** Lowest estimated cost of this request first. */
    CHEAPEST,
    /** Lowest expected latency first (observed EWMA, else the configured hint). */
    FASTEST;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
