package dev.rampart.plugins.router.adaptive;

import static dev.rampart.plugins.router.support.RouterFixtures.chat;
import static dev.rampart.plugins.router.support.RouterFixtures.chatWithTool;
import static dev.rampart.plugins.router.support.RouterFixtures.model;
import static dev.rampart.plugins.router.support.RouterFixtures.route;
import static dev.rampart.plugins.router.support.RouterFixtures.strictSchema;
import static dev.rampart.plugins.router.support.RouterFixtures.textOfTokens;
import static dev.rampart.plugins.router.support.RouterFixtures.unavailable;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AdaptiveRouterTest {

  static final Candidate SMALL = model("offline", "offline-small", 16_000, 0.1, 0.2);
  static final Candidate LARGE = model("offline", "offline-large", 128_000, 1, 2);
  static final Candidate GPT = model("openai-prod", "gpt-4o", 128_000, 2.5, 10);
  static final List<Candidate> ALL = List.of(SMALL, LARGE, GPT);

  static JsonObject tiers() {
    return new JsonObject().put("tiers", new JsonArray()
        .add(new JsonObject().put("name", "small").put("models", new JsonArray().add("offline/offline-small")))
        .add(new JsonObject().put("name", "large").put("models", new JsonArray().add("openai-prod/gpt-4o").add("offline/offline-large"))));
  }

  static AdaptiveRouter started(JsonObject settings) {
    AdaptiveRouter router = new AdaptiveRouter();
    Future<Void> start = router.start(new ExtensionContext(null, "adaptive", null), settings);
    assertTrue(start.succeeded(), () -> String.valueOf(start.cause()));
    return router;
  }

  static RouteDecision decided(AdaptiveRouter router, RouteRequest request) {
    Future<RouteDecision> f = router.decide(request);
    assertTrue(f.succeeded(), () -> String.valueOf(f.cause()));
    return f.result();
  }

  static ErrorCode refusal(AdaptiveRouter router, RouteRequest request) {
    Future<RouteDecision> f = router.decide(request);
    assertTrue(f.failed(), () -> "expected a refusal, got " + f.result());
    return ((RampartException) f.cause()).code();
  }

  static List<String> order(RouteDecision d) {
    return Stream.concat(Stream.of(d.provider() + "/" + d.model()),
        d.fallbacks().stream().map(t -> t.provider() + "/" + t.model())).toList();
  }

  static boolean hasReason(RouteDecision d, String text) {
    return d.reasons().stream().anyMatch(r -> r.contains(text));
  }

  static RouteOutcome outcome(RouteDecision d, Candidate answered, boolean success, long millis, OptionalDouble quality) {
    return new RouteOutcome("acme", d, new RouteDecision.Target(answered.provider(), answered.model().id()), success, millis,
        OptionalLong.empty(), success ? Optional.empty() : Optional.of("upstream-failed"), quality);
  }

  @Test
  void aShortFamiliarPlainRequestGoesToTheSmallTierWithLargeAsFallback() {
    AdaptiveRouter router = started(tiers());
    decided(router, route(chat("auto", "hello there, how are you"), ALL));

    RouteDecision d = decided(router, route(chat("auto", "hello there, how are you"), ALL));

    assertEquals("small", d.tier());
    assertEquals(List.of("offline/offline-small", "openai-prod/gpt-4o", "offline/offline-large"), order(d));
    assertTrue(hasReason(d, "features: tokens≈"), d.reasons()::toString);
    assertTrue(hasReason(d, "novelty=0.00"), d.reasons()::toString);
    assertTrue(hasReason(d, "(estimated chance the small tier fails) ≤ 0.50 → tier 'small'"), d.reasons()::toString);
  }

  @Test
  void aLongNovelRequestGoesToTheLargeTier() {
    AdaptiveRouter router = started(tiers());

    RouteDecision d = decided(router, route(chat("", "please summarise " + "lorem ipsum dolor sit amet ".repeat(2_000)), ALL));

    assertEquals("large", d.tier());
    assertEquals(List.of("openai-prod/gpt-4o", "offline/offline-large", "offline/offline-small"), order(d));
    assertTrue(hasReason(d, "> 0.50 → tier 'large'"), d.reasons()::toString);
  }

  @Test
  void specialistDomainsAndToolsRaiseTheScore() {
    AdaptiveRouter router = started(tiers());

    RouteDecision legal = decided(router, route(chatWithTool("auto", "Draft an indemnity clause for this contract"), ALL));

    assertEquals("large", legal.tier());
    assertTrue(hasReason(legal, "tools=yes, domains=legal"), legal.reasons()::toString);
  }

  @Test
  void strictJsonSchemaWorkTakesTheEarlyExitToTheSmallTier() {
    AdaptiveRouter router = started(tiers().put("weights", new JsonObject().put("bias", 5)));

    RouteDecision strict = decided(router, route(chat("auto", "extract the invoice fields", strictSchema()), ALL));
    RouteDecision withTools = decided(router, route(new ChatRequest("auto",
        chatWithTool("auto", "extract the invoice fields").messages(), chatWithTool("auto", "x").tools(), strictSchema()), ALL));

    assertEquals("small", strict.tier());
    assertTrue(hasReason(strict, "early exit: strict json_schema and no other hard feature → tier 'small'"), strict.reasons()::toString);
    assertTrue(strict.reasons().stream().noneMatch(r -> r.startsWith("score")), strict.reasons()::toString);
    // tools are a hard feature: scored as usual, and the bias of 5 sends it large
    assertEquals("large", withTools.tier());
  }

  @Test
  void observedFailuresOfTheSmallModelPushTrafficToTheLargeTier() {
    AdaptiveRouter router = started(tiers().put("failure-ewma-alpha", 0.5));
    RouteDecision before = decided(router, route(chat("auto", "hello"), ALL));
    assertEquals("small", before.tier());

    for (int i = 0; i < 4; i++) {
      router.observe(outcome(before, SMALL, false, 30, OptionalDouble.empty()));
    }
    RouteDecision after = decided(router, route(chat("auto", "hello"), ALL));

    assertEquals("large", after.tier());
    assertTrue(hasReason(after, "small-tier failure rate=0.94"), after.reasons()::toString);
    assertEquals(0.9375, router.failureRates("acme").get("offline/offline-small"), 1e-9);
  }

  @Test
  void aFallbackCountsAsAFailureOfThePlannedModel() {
    AdaptiveRouter router = started(tiers().put("failure-ewma-alpha", 0.5));
    RouteDecision d = decided(router, route(chat("auto", "hello"), ALL));

    router.observe(outcome(d, GPT, true, 300, OptionalDouble.empty()));

    assertEquals(0.5, router.failureRates("acme").get("offline/offline-small"), 1e-9);
    assertEquals(0.0, router.failureRates("acme").get("openai-prod/gpt-4o"), 1e-9);
  }

  @Test
  void openCircuitsAreSkippedWithAReasonAndTriedLast() {
    AdaptiveRouter router = started(tiers());

    RouteDecision d = decided(router, route(chat("auto", "hello"), List.of(unavailable(SMALL), LARGE, GPT)));

    assertEquals(List.of("openai-prod/gpt-4o", "offline/offline-large", "offline/offline-small"), order(d));
    assertEquals("large", d.tier());
    assertTrue(hasReason(d, "skipped offline/offline-small: circuit open"), d.reasons()::toString);
  }

  @Test
  void aPromptTooBigForTheSmallTierEscalatesAndTooBigForAllIsContextTooLarge() {
    AdaptiveRouter router = started(tiers().put("weights", new JsonObject().put("bias", -50)));

    RouteDecision big = decided(router, route(chat("auto", textOfTokens(20_000)), ALL));
    assertEquals(List.of("openai-prod/gpt-4o", "offline/offline-large"), order(big));
    assertTrue(hasReason(big, "tier 'small' has no model that can serve this request"), big.reasons()::toString);

    assertEquals(ErrorCode.CONTEXT_TOO_LARGE, refusal(router, route(chat("auto", textOfTokens(200_000)), ALL)));
  }

  @Test
  void namesATierOrAModelDirectlyAndRefusesUnknownOnes() {
    AdaptiveRouter router = started(tiers());

    assertEquals(List.of("openai-prod/gpt-4o", "offline/offline-large", "offline/offline-small"),
        order(decided(router, route(chat("large", "hi"), ALL))));
    assertEquals(List.of("offline/offline-large"), order(decided(router, route(chat("offline/offline-large", "hi"), ALL))));
    assertEquals(ErrorCode.MODEL_NOT_FOUND, refusal(router, route(chat("medium", "hi"), ALL)));
    assertEquals(ErrorCode.NO_PROVIDER, refusal(router, route(chat("auto", "hi"), List.of())));
    assertEquals(ErrorCode.NO_PROVIDER, refusal(router, route(chat("auto", "hi"), List.of(model("other", "x", 100_000, 1, 1)))));
  }

  @Test
  void tenantSettingsOverrideTheInstances() {
    AdaptiveRouter router = started(tiers());
    JsonObject tenant = new JsonObject()
        .put("threshold", 0.0)
        .put("tiers", tiers().getJsonArray("tiers").copy())
        .put("weights", new JsonObject().put("bias", -1));
    tenant.getJsonArray("tiers").getJsonObject(0).put("max-score", 0.0);

    assertEquals("large", decided(router, route("acme", chat("auto", "hello"), ALL, tenant)).tier());
    assertEquals("small", decided(router, route("globex", chat("auto", "hello"), ALL, new JsonObject())).tier());
  }

  @Test
  void theSettingsExampleIsValidAgainstTheSchema() {
    JsonObject example = new JsonObject(AdaptiveSettingsExample.JSON);
    var result = io.vertx.json.schema.Validator.create(io.vertx.json.schema.JsonSchema.of(AdaptiveSettings.schema()),
        new io.vertx.json.schema.JsonSchemaOptions().setDraft(io.vertx.json.schema.Draft.DRAFT202012)
            .setBaseUri("https://rampart.invalid/settings")).validate(example);

    assertTrue(result.getValid(), result::toString);
    assertEquals(2, AdaptiveSettings.parse(example).tiers().size());
    assertTrue(started(example).state().containsKey("tenants"));
  }
}
