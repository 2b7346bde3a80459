package dev.rampart.plugins.router.rules;

import static dev.rampart.plugins.router.support.Targets.label;
import static dev.rampart.plugins.router.support.Targets.quote;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.router.Candidate;
import dev.rampart.contracts.router.RouteDecision;
import dev.rampart.contracts.router.RouteRequest;
import dev.rampart.plugins.router.support.Eligibility;
import dev.rampart.plugins.router.support.Eligibility.Screening;
import dev.rampart.plugins.router.support.RequestNeeds;
import dev.rampart.plugins.router.support.Targets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * Applies {@link RulesSettings} to one request. Pure apart from the random draw of weighted
 * aliases and the latency estimates it reads; safe to call from several threads.
 */
final class RouteRules {

  private final LatencyBook latencies;
  private final Supplier<RandomGenerator> random;

  RouteRules(LatencyBook latencies, Supplier<RandomGenerator> random) {
    this.latencies = latencies;
    this.random = random;
  }

  RouteDecision decide(RouteRequest request, RulesSettings settings) {
    List<Candidate> candidates = request.candidates();
    if (candidates.isEmpty()) {
      throw new RampartException(ErrorCode.NO_PROVIDER, "this tenant may use no provider");
    }
    RequestNeeds needs = RequestNeeds.of(request.request());
    List<String> reasons = new ArrayList<>();
    reasons.add(needs.describe());

    String asked = request.request().model();
    String name;
    if (asked == null || asked.isBlank() || asked.equals("auto")) {
      if (settings.defaultModel().isEmpty()) {
        reasons.add("no model asked and no default set: the tenant's candidates in order");
        Screening s = Eligibility.screen(candidates, needs, "this tenant's providers");
        return decision("default", s.orThrow(), reasons, s.reasons());
      }
      name = settings.defaultModel().get();
      reasons.add("no model asked → default " + quote(name));
    } else {
      name = asked;
    }

    AliasRule rule = settings.aliases().get(name);
    if (rule == null) {
      Screening s = Eligibility.screenModel(name, candidates, needs, "no model or alias " + quote(name) + " for this tenant");
      List<Candidate> ordered = s.orThrow();
      reasons.addAll(s.reasons());
      reasons.add("model " + quote(name) + " → " + label(ordered.get(0)));
      return decision("direct", ordered, reasons, List.of());
    }
    String alias = "alias " + quote(name);
    // Java 17: no pattern matching in switch yet
    if (rule instanceof AliasRule.Direct d) {
      return direct(name, alias, d, candidates, needs, reasons);
    } else if (rule instanceof AliasRule.Failover f) {
      return failover(name, alias, f, candidates, needs, reasons);
    } else if (rule instanceof AliasRule.Weighted w) {
      return weighted(name, alias, w, candidates, needs, reasons);
    }
    return strategy(name, alias, (AliasRule.Strategy) rule, candidates, needs, reasons, settings);
  }

  private RouteDecision direct(
      String name, String alias, AliasRule.Direct rule, List<Candidate> candidates, RequestNeeds needs, List<String> reasons) {
    List<Candidate> pool = allowed(alias, List.of(rule.target()), candidates, reasons);
    Screening s = Eligibility.screen(pool, needs, alias);
    List<Candidate> ordered = s.orThrow();
    reasons.addAll(s.reasons());
    reasons.add(alias + " → " + label(ordered.get(0)));
    return decision(name, ordered, reasons, List.of());
  }

  private RouteDecision failover(
      String name, String alias, AliasRule.Failover rule, List<Candidate> candidates, RequestNeeds needs, List<String> reasons) {
    List<Candidate> pool = allowed(alias, rule.targets(), candidates, reasons);
    Screening s = Eligibility.screen(pool, needs, alias);
    List<Candidate> ordered = s.orThrow();
    reasons.addAll(s.reasons());
    reasons.add(alias + " → failover order " + String.join(", ", ordered.stream().map(Targets::label).toList()));
    return decision(name, ordered, reasons, List.of());
  }

  private RouteDecision weighted(
      String name, String alias, AliasRule.Weighted rule, List<Candidate> candidates, RequestNeeds needs, List<String> reasons) {
    record Entry(AliasRule.WeightedTarget spec, Screening screening) {}
    List<Candidate> union = new ArrayList<>();
    List<Entry> entries = new ArrayList<>();
    for (AliasRule.WeightedTarget spec : rule.entries()) {
      List<Candidate> pool = allowed(alias, List.of(spec.target()), candidates, reasons);
      union.addAll(pool);
      entries.add(new Entry(spec, Eligibility.screen(pool, needs, alias)));
    }
    // the union decides the error when nothing is eligible (context too large beats no provider)
    Screening all = Eligibility.screen(union, needs, alias);
    all.orThrow();
    reasons.addAll(all.reasons());

    List<Entry> eligible = entries.stream().filter(e -> !e.screening().eligible().isEmpty()).toList();
    List<Entry> drawable = eligible.stream().filter(e -> e.screening().anyAvailable()).toList();
    if (drawable.isEmpty()) {
      drawable = eligible;
    }
    double total = drawable.stream().mapToDouble(e -> e.spec().weight()).sum();
    double point = random.get().nextDouble() * total;
    Entry drawn = drawable.get(drawable.size() - 1);
    for (Entry e : drawable) {
      point -= e.spec().weight();
      if (point < 0) {
        drawn = e;
        break;
      }
    }
    Entry chosen = drawn;
    List<Candidate> ordered = new ArrayList<>(chosen.screening().eligible());
    eligible.stream()
        .filter(e -> e != chosen)
        .sorted(Comparator.comparingDouble((Entry e) -> e.spec().weight()).reversed())
        .forEach(e -> ordered.addAll(e.screening().eligible()));
    reasons.add(alias + " → weighted choice " + label(ordered.get(0))
        + " (weight " + weight(chosen.spec().weight()) + " of " + weight(total) + ")");
    return decision(name, availableFirst(ordered), reasons, List.of());
  }

  private RouteDecision strategy(
      String name,
      String alias,
      AliasRule.Strategy rule,
      List<Candidate> candidates,
      RequestNeeds needs,
      List<String> reasons,
      RulesSettings settings) {
    StrategyConstraints constraints = rule.constraints();
    List<Candidate> pool = constraints.among().isEmpty()
        ? candidates
        : allowed(alias, constraints.among(), candidates, reasons);
    List<Candidate> passing = new ArrayList<>();
    for (Candidate c : pool) {
      var violation = constraints.violation(c);
      if (violation.isPresent()) {
        reasons.add("excluded " + label(c) + ": " + violation.get());
      } else {
        passing.add(c);
      }
    }
    if (passing.isEmpty() && !pool.isEmpty()) {
      throw new RampartException(ErrorCode.NO_PROVIDER, "no model this tenant may use meets the constraints of " + alias);
    }
    Screening s = Eligibility.screen(passing, needs, alias);
    reasons.addAll(s.reasons());
    ToDoubleFunction<Candidate> key = switch (rule.kind()) {
      case CHEAPEST -> c -> cost(c, needs, constraints);
      case FASTEST -> c -> latencies.expected(c.provider(), c.model().id(), settings).millis();
    };
    List<Candidate> ordered = new ArrayList<>(s.orThrow());
    ordered.sort(Comparator.comparing((Candidate c) -> !c.available()).thenComparingDouble(key));
    Candidate first = ordered.get(0);
    String why = switch (rule.kind()) {
      case CHEAPEST -> String.format(Locale.ROOT, "about $%.6f for this request", cost(first, needs, constraints));
      case FASTEST -> latencies.expected(first.provider(), first.model().id(), settings).describe();
    };
    reasons.add(alias + " → " + rule.kind().label() + " " + label(first) + " (" + why + ")");
    return decision(name, ordered, reasons, List.of());
  }

  /** The candidates the targets name, in target order; notes targets the tenant may not use. */
  private static List<Candidate> allowed(String alias, List<String> targets, List<Candidate> candidates, List<String> reasons) {
    LinkedHashSet<Candidate> pool = new LinkedHashSet<>();
    for (String target : targets) {
      List<Candidate> resolved = Targets.resolve(target, candidates);
      if (resolved.isEmpty()) {
        reasons.add(alias + ": target " + target + " is not among this tenant's providers");
      }
      pool.addAll(resolved);
    }
    return new ArrayList<>(pool);
  }

  private static double cost(Candidate c, RequestNeeds needs, StrategyConstraints constraints) {
    int output = needs.maxOutputTokens() > 0 ? needs.maxOutputTokens() : constraints.expectedOutputTokens();
    return (needs.promptTokens() * c.model().inputPricePerMillion() + output * c.model().outputPricePerMillion()) / 1_000_000d;
  }

  private static List<Candidate> availableFirst(List<Candidate> ordered) {
    List<Candidate> out = new ArrayList<>(new LinkedHashSet<>(ordered));
    out.sort(Comparator.comparing((Candidate c) -> !c.available()));
    return out;
  }

  private static String weight(double w) {
    return w == Math.rint(w) ? Long.toString((long) w) : String.format(Locale.ROOT, "%.3g", w);
  }

  private static RouteDecision decision(String tier, List<Candidate> ordered, List<String> reasons, List<String> more) {
    List<String> all = new ArrayList<>(reasons);
    all.addAll(more);
    Candidate first = ordered.get(0);
    if (!first.available()) {
      all.add("every eligible candidate has an open circuit; trying " + label(first) + " anyway");
    }
    List<RouteDecision.Target> fallbacks = ordered.subList(1, ordered.size()).stream().map(Targets::target).toList();
    return new RouteDecision(first.provider(), first.model().id(), tier, fallbacks, all);
  }
}
