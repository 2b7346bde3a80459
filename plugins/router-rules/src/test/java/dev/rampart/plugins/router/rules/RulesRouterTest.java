package dev.rampart.plugins.router.rules;

import static dev.rampart.plugins.router.support.RouterFixtures.chat;
import static dev.rampart.plugins.router.support.RouterFixtures.chatWithTool;
import static dev.rampart.plugins.router.support.RouterFixtures.jsonObject;
import static dev.rampart.plugins.router.support.RouterFixtures.model;
import static dev.rampart.plugins.router.support.RouterFixtures.route;
import static dev.rampart.plugins.router.support.RouterFixtures.textOfTokens;
import static dev.rampart.plugins.router.support.RouterFixtures.unavailable;
import static dev.rampart.plugins.router.support.RouterFixtures.withoutJson;
import static dev.rampart.plugins.router.support.RouterFixtures.withoutTools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.llm.ChatRequest;
import dev.rampart.contracts.router.Candidate;
import dev.rampart.contracts.router.RouteDecision;
import dev.rampart.contracts.router.RouteOutcome;
import dev.rampart.contracts.router.RouteRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RulesRouterTest {

  private final Candidate small = model("offline", "offline-small", 8_000, 0.1, 0.2);
  private final Candidate large = model("offline", "offline-large", 128_000, 1, 2);
  private final Candidate gpt = model("openai-prod", "gpt-4o", 128_000, 2.5, 10);
  private final Candidate mini = model("openai-prod", "gpt-4o-mini", 128_000, 0.15, 0.6);
  private final List<Candidate> all = List.of(small, large, gpt, mini);

  private static RulesRouter started(JsonObject settings) {
    RulesRouter router = new RulesRouter();
    Future<Void> start = router.start(new ExtensionContext(null, "default", null), settings);
    assertTrue(start.succeeded(), () -> String.valueOf(start.cause()));
    return router;
  }

  private static JsonObject aliases(JsonObject aliases) {
    return new JsonObject().put("aliases", aliases);
  }

  private static RouteDecision decided(RulesRouter router, RouteRequest request) {
    Future<RouteDecision> f = router.decide(request);
    assertTrue(f.succeeded(), () -> String.valueOf(f.cause()));
    return f.result();
  }

  private static ErrorCode refusal(RulesRouter router, RouteRequest request) {
    Future<RouteDecision> f = router.decide(request);
    assertTrue(f.failed(), () -> "expected a refusal, got " + f.result());
    return ((RampartException) f.cause()).code();
  }

  private static List<String> order(RouteDecision d) {
    return Stream.concat(Stream.of(d.provider() + "/" + d.model()),
        d.fallbacks().stream().map(t -> t.provider() + "/" + t.model())).toList();
  }

  private static boolean hasReason(RouteDecision d, String text) {
    return d.reasons().stream().anyMatch(r -> r.contains(text));
  }

  @Test
  void anAliasNamingOneTargetRoutesThere() {
    RulesRouter router = started(aliases(new JsonObject().put("fast", "offline/offline-small")));

    RouteDecision d = decided(router, route(chat("fast", "hi"), all));

    assertEquals(List.of("offline/offline-small"), order(d));
    assertEquals("fast", d.tier());
    assertTrue(hasReason(d, "alias 'fast' → offline/offline-small"), d.reasons()::toString);
  }

  @Test
  void aModelIdOrProviderSlashModelRoutesDirectly() {
    RulesRouter router = started(new JsonObject());

    assertEquals(List.of("openai-prod/gpt-4o"), order(decided(router, route(chat("gpt-4o", "hi"), all))));
    assertEquals(List.of("offline/offline-large"), order(decided(router, route(chat("offline/offline-large", "hi"), all))));
  }

  @Test
  void unknownModelOrAliasIsModelNotFound() {
    RulesRouter router = started(aliases(new JsonObject().put("fast", "offline/offline-small")));

    assertEquals(ErrorCode.MODEL_NOT_FOUND, refusal(router, route(chat("slow", "hi"), all)));
    assertEquals(ErrorCode.MODEL_NOT_FOUND, refusal(router, route(chat("azure/gpt-4o", "hi"), all)));
  }

  @Test
  void noCandidatesOrAnAliasOutsideTheTenantsProvidersIsNoProvider() {
    RulesRouter router = started(aliases(new JsonObject().put("fast", "anthropic/claude")));

    assertEquals(ErrorCode.NO_PROVIDER, refusal(router, route(chat("gpt-4o", "hi"), List.of())));
    assertEquals(ErrorCode.NO_PROVIDER, refusal(router, route(chat("fast", "hi"), all)));
  }

  @Test
  void aPromptNoWindowHoldsIsContextTooLarge() {
    RulesRouter router = started(aliases(new JsonObject().put("fast", "offline/offline-small")));

    assertEquals(ErrorCode.CONTEXT_TOO_LARGE, refusal(router, route(chat("fast", textOfTokens(9_000)), all)));
    assertEquals(ErrorCode.CONTEXT_TOO_LARGE,
        refusal(router, route(chat("fast", textOfTokens(6_000), new JsonObject().put("max-tokens", 4_000)), all)));
  }

  @Test
  void failoverSkipsModelsWhoseWindowIsTooSmall() {
    RulesRouter router = started(aliases(new JsonObject()
        .put("safe", new JsonObject().put("failover", new JsonArray().add("offline/offline-small").add("offline/offline-large")))));

    RouteDecision d = decided(router, route(chat("safe", textOfTokens(9_000)), all));

    assertEquals(List.of("offline/offline-large"), order(d));
    assertTrue(hasReason(d, "excluded offline/offline-small: context window 8000 <"), d.reasons()::toString);
  }

  @Test
  void jsonAndToolRequestsOnlyGoToModelsThatSupportThem() {
    RulesRouter router = started(aliases(new JsonObject()
        .put("safe", new JsonObject().put("failover", new JsonArray().add("offline/offline-small").add("offline/offline-large")))));
    List<Candidate> limited = List.of(withoutJson(small), withoutTools(large));

    assertEquals(List.of("offline/offline-large"), order(decided(router, route(chat("safe", "hi", jsonObject()), limited))));
    assertEquals(List.of("offline/offline-small"), order(decided(router, route(chatWithTool("safe", "hi"), limited))));
    ChatRequest both = new ChatRequest("safe", chatWithTool("safe", "hi").messages(), chatWithTool("safe", "hi").tools(), jsonObject());
    assertEquals(ErrorCode.NO_PROVIDER, refusal(router, route(both, limited)));
  }

  @Test
  void failoverKeepsListedOrderAndPutsOpenCircuitsLast() {
    RulesRouter router = started(aliases(new JsonObject().put("safe", new JsonObject().put("failover",
        new JsonArray().add("openai-prod/gpt-4o").add("offline/offline-large").add("offline/offline-small")))));

    RouteDecision healthy = decided(router, route(chat("safe", "hi"), all));
    RouteDecision degraded = decided(router, route(chat("safe", "hi"), List.of(small, large, unavailable(gpt))));

    assertEquals(List.of("openai-prod/gpt-4o", "offline/offline-large", "offline/offline-small"), order(healthy));
    assertEquals(List.of("offline/offline-large", "offline/offline-small", "openai-prod/gpt-4o"), order(degraded));
    assertTrue(hasReason(degraded, "skipped openai-prod/gpt-4o: circuit open"), degraded.reasons()::toString);
  }

  @Test
  void whenEveryCircuitIsOpenTheFirstIsTriedAnywayAndSaysSo() {
    RulesRouter router = started(aliases(new JsonObject().put("fast", "offline/offline-small")));

    RouteDecision d = decided(router, route(chat("fast", "hi"), List.of(unavailable(small))));

    assertEquals(List.of("offline/offline-small"), order(d));
    assertTrue(hasReason(d, "trying offline/offline-small anyway"), d.reasons()::toString);
  }

  @Test
  void weightedChoiceFollowsTheWeightsOverTenThousandSeededDecisions() {
    JsonObject settings = aliases(new JsonObject().put("mix", new JsonArray()
        .add(new JsonObject().put("target", "offline/offline-small").put("weight", 3))
        .add(new JsonObject().put("target", "offline/offline-large").put("weight", 1))))
        .put("seed", 42);
    RulesRouter router = started(settings);

    int smallCount = 0;
    for (int i = 0; i < 10_000; i++) {
      RouteDecision d = decided(router, route(chat("mix", "hi"), all));
      if (d.model().equals("offline-small")) {
        smallCount++;
        assertEquals(List.of("offline/offline-small", "offline/offline-large"), order(d));
      } else {
        assertEquals(List.of("offline/offline-large", "offline/offline-small"), order(d));
      }
    }
    // expected 7500; the binomial standard deviation is about 43
    assertEquals(7_500, smallCount, 200);
  }

  @Test
  void weightedChoiceIsReproducibleForTheSameSeedAndExplainsItself() {
    JsonObject mix = aliases(new JsonObject().put("mix", new JsonArray()
        .add(new JsonObject().put("target", "offline/offline-small").put("weight", 3))
        .add(new JsonObject().put("target", "offline/offline-large").put("weight", 1))));
    RulesRouter a = new RulesRouter(new Random(7));
    RulesRouter b = new RulesRouter(new Random(7));
    a.start(new ExtensionContext(null, "a", null), mix);
    b.start(new ExtensionContext(null, "b", null), mix);

    List<String> first = Stream.generate(() -> decided(a, route(chat("mix", "hi"), all)).model()).limit(50).toList();
    List<String> second = Stream.generate(() -> decided(b, route(chat("mix", "hi"), all)).model()).limit(50).toList();
    assertEquals(first, second);

    RouteDecision d = decided(a, route(chat("mix", "hi"), all));
    String weight = d.model().equals("offline-small") ? "weight 3 of 4" : "weight 1 of 4";
    assertTrue(hasReason(d, "alias 'mix' → weighted choice offline/" + d.model() + " (" + weight + ")"), d.reasons()::toString);
  }

  @Test
  void weightedChoiceDrawsOnlyAmongAvailableTargets() {
    RulesRouter router = started(aliases(new JsonObject().put("mix", new JsonArray()
        .add(new JsonObject().put("target", "offline/offline-small").put("weight", 99))
        .add(new JsonObject().put("target", "offline/offline-large").put("weight", 1)))).put("seed", 1));

    for (int i = 0; i < 100; i++) {
      RouteDecision d = decided(router, route(chat("mix", "hi"), List.of(unavailable(small), large)));
      assertEquals(List.of("offline/offline-large", "offline/offline-small"), order(d));
      assertTrue(hasReason(d, "(weight 1 of 1)"), d.reasons()::toString);
    }
  }

  @Test
  void cheapestRanksByEstimatedCostWithinItsConstraints() {
    RulesRouter router = started(aliases(new JsonObject()
        .put("cheap", new JsonObject().put("cheapest", new JsonObject()))
        .put("cheap-big", new JsonObject().put("cheapest", new JsonObject().put("min-context-window", 100_000)))
        .put("cheap-openai", new JsonObject().put("cheapest", new JsonObject()
            .put("among", new JsonArray().add("openai-prod/gpt-4o").add("openai-prod/gpt-4o-mini"))))));

    RouteDecision cheap = decided(router, route(chat("cheap", "hi"), all));
    assertEquals(List.of("offline/offline-small", "openai-prod/gpt-4o-mini", "offline/offline-large", "openai-prod/gpt-4o"), order(cheap));
    assertTrue(hasReason(cheap, "alias 'cheap' → cheapest offline/offline-small (about $"), cheap.reasons()::toString);
    assertEquals("gpt-4o-mini", decided(router, route(chat("cheap-big", "hi"), all)).model());
    assertEquals(List.of("openai-prod/gpt-4o-mini", "openai-prod/gpt-4o"), order(decided(router, route(chat("cheap-openai", "hi"), all))));
  }

  @Test
  void fastestFollowsHintsUntilLatencyIsObserved() {
    RulesRouter router = started(aliases(new JsonObject()
        .put("quick", new JsonObject().put("fastest", new JsonObject().put("among",
            new JsonArray().add("offline/offline-small").add("openai-prod/gpt-4o")))))
        .put("latency-hint-ms", new JsonObject().put("offline/offline-small", 50).put("*", 900))
        .put("latency-ewma-alpha", 0.5));

    RouteDecision before = decided(router, route(chat("quick", "hi"), all));
    assertEquals(List.of("offline/offline-small", "openai-prod/gpt-4o"), order(before));
    assertTrue(hasReason(before, "(hint 50 ms, not observed yet)"), before.reasons()::toString);

    for (int i = 0; i < 5; i++) {
      router.observe(outcome(before, "offline", "offline-small", true, 400));
      router.observe(outcome(before, "openai-prod", "gpt-4o", true, 120));
    }
    RouteDecision after = decided(router, route(chat("quick", "hi"), all));
    assertEquals(List.of("openai-prod/gpt-4o", "offline/offline-small"), order(after));
    assertTrue(hasReason(after, "fastest openai-prod/gpt-4o (observed 120 ms)"), after.reasons()::toString);
    assertEquals(400.0, router.state().getJsonObject("latency-ms").getDouble("offline/offline-small"));
  }

  @Test
  void failedCallsDoNotTeachLatency() {
    RulesRouter router = started(new JsonObject());
    RouteDecision d = decided(router, route(chat("gpt-4o", "hi"), all));

    router.observe(outcome(d, "openai-prod", "gpt-4o", false, 3));

    assertEquals(new JsonObject(), router.state().getJsonObject("latency-ms"));
  }

  @Test
  void noModelOrAutoUsesTheDefault() {
    RulesRouter router = started(aliases(new JsonObject().put("fast", "offline/offline-small")).put("default", "fast"));

    RouteDecision auto = decided(router, route(chat("auto", "hi"), all));
    RouteDecision none = decided(router, route(chat("", "hi"), all));

    assertEquals("offline-small", auto.model());
    assertEquals("offline-small", none.model());
    assertTrue(hasReason(auto, "no model asked → default 'fast'"), auto.reasons()::toString);
  }

  @Test
  void withoutADefaultNoModelGoesToTheTenantsFirstEligibleCandidate() {
    RulesRouter router = started(new JsonObject());

    assertEquals(List.of("offline/offline-large", "openai-prod/gpt-4o", "openai-prod/gpt-4o-mini"),
        order(decided(router, route(chat("auto", textOfTokens(9_000)), all))));
  }

  @Test
  void tenantSettingsOverrideInstanceSettingsAliasByAlias() {
    RulesRouter router = started(aliases(new JsonObject()
        .put("fast", "offline/offline-small").put("big", "offline/offline-large")).put("default", "fast"));
    JsonObject tenant = new JsonObject().put("aliases", new JsonObject().put("fast", "openai-prod/gpt-4o-mini")).put("default", "big");

    assertEquals("gpt-4o-mini", decided(router, route("acme", chat("fast", "hi"), all, tenant)).model());
    assertEquals("offline-large", decided(router, route("acme", chat("big", "hi"), all, tenant)).model());
    assertEquals("offline-large", decided(router, route("acme", chat("auto", "hi"), all, tenant)).model());
    // another tenant without settings keeps the instance's
    assertEquals("offline-small", decided(router, route("globex", chat("fast", "hi"), all, new JsonObject())).model());
  }

  @Test
  void invalidTenantSettingsFailWithThePathAndChangeNothing() {
    RulesRouter router = started(aliases(new JsonObject().put("fast", "offline/offline-small")));
    JsonObject broken = new JsonObject().put("aliases", new JsonObject().put("fast", new JsonObject().put("slowest", new JsonObject())));

    Future<RouteDecision> f = router.decide(route("acme", chat("fast", "hi"), all, broken));

    assertEquals(ErrorCode.PLUGIN_FAILED, ((RampartException) f.cause()).code());
    assertTrue(f.cause().getMessage().contains("aliases.fast"), f.cause().getMessage());
    assertEquals("offline-small", decided(router, route("acme", chat("fast", "hi"), all, new JsonObject())).model());
  }

  @Test
  void startRefusesInvalidSettings() {
    Future<Void> start = new RulesRouter().start(new ExtensionContext(null, "x", null),
        aliases(new JsonObject().put("mix", new JsonArray().add(new JsonObject().put("target", "a").put("weight", 0)))));

    assertTrue(start.failed());
    assertTrue(start.cause().getMessage().contains("aliases.mix[0].weight"), start.cause().getMessage());
  }

  static RouteOutcome outcome(RouteDecision d, String provider, String model, boolean success, long millis) {
    return new RouteOutcome("acme", d, new RouteDecision.Target(provider, model), success, millis,
        OptionalLong.empty(), success ? Optional.empty() : Optional.of("upstream-failed"), OptionalDouble.empty());
  }
}
