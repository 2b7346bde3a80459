package dev.rampart.plugins.router.adaptive;

import java.util.List;

/**
 * A tier: a name and the targets that serve it, smallest tier first in the settings.
 *
 * @param name label put in decisions, e.g. {@code small}
 * @param models {@code provider/model} or model ids, in preference order
 * @param maxScore the highest score this tier takes; the first tier whose bound holds the score wins
 */
record TierSpec(String name, List<String> models, double maxScore) {

  TierSpec {
    models = List.copyOf(models);
  }
}
