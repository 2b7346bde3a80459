package dev.rampart.plugins.router.adaptive;

import static dev.rampart.plugins.router.support.Targets.label;
import static dev.rampart.plugins.router.support.Targets.quote;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.llm.ChatMessage;
import dev.rampart.contracts.llm.ChatRequest;
import dev.rampart.contracts.router.Candidate;
import dev.rampart.contracts.router.RouteDecision;
import dev.rampart.contracts.router.RouteRequest;
import dev.rampart.plugins.router.support.Eligibility;
import dev.rampart.plugins.router.support.Eligibility.Screening;
import dev.rampart.plugins.router.support.RequestNeeds;
import dev.rampart.plugins.router.support.ResponseFormat;
import dev.rampart.plugins.router.support.Targets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One adaptive decision: features, score, tier, canary. Safe to call from several threads. */
final class AdaptiveRouting {

  /** The tier label of decisions that went to a canary; {@link AdaptiveRouter#observe} keys on it. */
  static final String CANARY_TIER = "canary";

  private final Clock clock;

  AdaptiveRouting(Clock clock) {
    this.clock = clock;
  }

  RouteDecision decide(RouteRequest request, AdaptivePolicy policy, TenantState state) {
    AdaptiveSettings settings = policy.settings();
    List<Candidate> candidates = request.candidates();
    if (candidates.isEmpty()) {
      throw new RampartException(ErrorCode.NO_PROVIDER, "this tenant may use no provider");
    }
    ChatRequest chat = request.request();
    RequestNeeds needs = RequestNeeds.of(chat);
    List<String> reasons = new ArrayList<>();
    reasons.add(needs.describe());
    state.failureAlpha(settings.failureAlpha());

    String asked = chat.model();
    boolean auto = asked == null || asked.isBlank() || asked.equals("auto");
    if (!auto) {
      for (int i = 0; i < settings.tiers().size(); i++) {
        if (settings.tiers().get(i).name().equals(asked)) {
          reasons.add("client asked for tier " + quote(asked));
          return tiered(i, settings, candidates, needs, reasons);
        }
      }
      Screening s = Eligibility.screenModel(asked, candidates, needs, "no model or tier " + quote(asked) + " for this tenant");
      List<Candidate> ordered = s.orThrow();
      reasons.addAll(s.reasons());
      reasons.add("client asked for model " + quote(asked) + " → " + label(ordered.get(0)));
      return decision("direct", ordered, reasons);
    }

    List<String> words = Words.of(lastUserText(chat));
    double novelty = state.novelty(settings.noveltyWindow()).noveltyThenRemember(MinHash.signature(words));
    Screening small = Eligibility.screen(tierPool(settings.tiers().get(0), candidates, null), needs, "tier");
    double failureRate = small.eligible().isEmpty() ? 0 : state.failureRate(label(small.eligible().get(0)));
    RequestFeatures features = new RequestFeatures(needs.promptTokens(), needs.format(), needs.tools(),
        policy.domains().flags(Words.padded(words)), novelty, failureRate);
    reasons.add(features.describe());

    int tier;
    if (features.format() == ResponseFormat.STRICT_JSON_SCHEMA && !features.hasHardFeature(settings.earlyExitMaxTokens())) {
      tier = 0;
      reasons.add("early exit: strict json_schema and no other hard feature → tier " + quote(settings.tiers().get(0).name()));
    } else {
      double p = TierScore.probability(features, settings.weights());
      tier = TierScore.tierFor(p, settings.tiers());
      String bound = tier == 0
          ? String.format(Locale.ROOT, "≤ %.2f", settings.tiers().get(0).maxScore())
          : String.format(Locale.ROOT, "> %.2f", settings.tiers().get(tier - 1).maxScore());
      reasons.add(String.format(Locale.ROOT, "score %.3f (estimated chance the small tier fails) %s → tier %s",
          p, bound, quote(settings.tiers().get(tier).name())));
    }
    RouteDecision planned = tiered(tier, settings, candidates, needs, reasons);
    return canary(request, settings, state, candidates, needs, planned);
  }

  /** The chosen tier's models, then larger tiers, then smaller ones; open circuits last. */
  private RouteDecision tiered(int chosen, AdaptiveSettings settings, List<Candidate> candidates, RequestNeeds needs, List<String> reasons) {
    List<Integer> order = new ArrayList<>();
    for (int i = chosen; i < settings.tiers().size(); i++) {
      order.add(i);
    }
    for (int i = chosen - 1; i >= 0; i--) {
      order.add(i);
    }
    Map<Candidate, String> tierOf = new LinkedHashMap<>();
    List<Candidate> union = new ArrayList<>();
    for (int i : order) {
      TierSpec spec = settings.tiers().get(i);
      List<Candidate> pool = tierPool(spec, candidates, reasons);
      union.addAll(pool);
      Screening s = Eligibility.screen(pool, needs, "tier " + quote(spec.name()));
      if (s.eligible().isEmpty() && i == chosen) {
        reasons.add("tier " + quote(spec.name()) + " has no model that can serve this request; trying the others");
      }
      s.eligible().forEach(c -> tierOf.putIfAbsent(c, spec.name()));
    }
    Screening all = Eligibility.screen(union, needs, "any tier");
    all.orThrow();
    reasons.addAll(all.reasons());
    List<Candidate> ordered = new ArrayList<>(tierOf.keySet());
    ordered.sort((a, b) -> Boolean.compare(!a.available(), !b.available()));
    Candidate first = ordered.get(0);
    reasons.add("tier " + quote(tierOf.get(first)) + " → " + label(first));
    return decision(tierOf.get(first), ordered, reasons);
  }

  private RouteDecision canary(
      RouteRequest request, AdaptiveSettings settings, TenantState state, List<Candidate> candidates, RequestNeeds needs, RouteDecision planned) {
    Optional<CanaryTrial> trial = state.canary(settings.canary(), clock);
    if (trial.isEmpty()) {
      return planned;
    }
    CanaryTrial canary = trial.get();
    String target = canary.settings().target();
    List<String> reasons = new ArrayList<>(planned.reasons());
    if (!canary.active()) {
      canary.rollbackReason().ifPresent(why -> reasons.add("canary " + target + " rolled back: " + why));
      return withReasons(planned, reasons);
    }
    if (!canary.takes(requestKey(request.request()))) {
      return planned;
    }
    List<Candidate> eligible = Eligibility.screen(Targets.resolve(target, candidates), needs, "canary").eligible();
    if (eligible.isEmpty() || !eligible.get(0).available()) {
      reasons.add("canary " + target + " cannot serve this request; kept the planned route");
      return withReasons(planned, reasons);
    }
    Candidate pick = eligible.get(0);
    List<RouteDecision.Target> fallbacks = new ArrayList<>();
    fallbacks.add(new RouteDecision.Target(planned.provider(), planned.model()));
    fallbacks.addAll(planned.fallbacks());
    fallbacks.removeIf(t -> t.equals(Targets.target(pick)));
    reasons.add(String.format(Locale.ROOT, "canary: %s takes %.1f%% of this tenant's auto-routed traffic; this request is in it",
        label(pick), canary.settings().share() * 100));
    return new RouteDecision(pick.provider(), pick.model().id(), CANARY_TIER, fallbacks, reasons);
  }

  /**
   * The key the canary split hashes: the request's {@code request-id} or {@code user} option when
   * given, else its messages. Hashing the content keeps a repeated request on the same side.
   */
  static String requestKey(ChatRequest chat) {
    if (chat.options() != null) {
      if (chat.options().getValue("request-id") instanceof String id) {
        return id;
      }
      if (chat.options().getValue("user") instanceof String user) {
        return user;
      }
    }
    StringBuilder key = new StringBuilder();
    for (ChatMessage m : chat.messages()) {
      key.append(m.role()).append('\u0000').append(m.content() == null ? "" : m.content()).append('\u0000');
    }
    return key.toString();
  }

  private static String lastUserText(ChatRequest chat) {
    List<ChatMessage> messages = chat.messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).role()) && messages.get(i).content() != null) {
        return messages.get(i).content();
      }
    }
    return "";
  }

  /** The candidates a tier names; notes missing targets in {@code reasons} unless it is null. */
  private static List<Candidate> tierPool(TierSpec spec, List<Candidate> candidates, List<String> reasons) {
    List<Candidate> pool = new ArrayList<>();
    for (String model : spec.models()) {
      List<Candidate> resolved = Targets.resolve(model, candidates);
      if (resolved.isEmpty() && reasons != null) {
        reasons.add("tier " + quote(spec.name()) + ": " + model + " is not among this tenant's providers");
      }
      pool.addAll(resolved);
    }
    return pool;
  }

  private static RouteDecision withReasons(RouteDecision d, List<String> reasons) {
    return new RouteDecision(d.provider(), d.model(), d.tier(), d.fallbacks(), reasons);
  }

  private static RouteDecision decision(String tier, List<Candidate> ordered, List<String> reasons) {
    Candidate first = ordered.get(0);
    List<String> all = new ArrayList<>(reasons);
    if (!first.available()) {
      all.add("every eligible candidate has an open circuit; trying " + label(first) + " anyway");
    }
    return new RouteDecision(first.provider(), first.model().id(), tier,
        ordered.subList(1, ordered.size()).stream().map(Targets::target).toList(), all);
  }
}
