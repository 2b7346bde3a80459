package dev.rampart.plugins.router.adaptive;

import static dev.rampart.plugins.router.adaptive.AdaptiveRouterTest.ALL;
import static dev.rampart.plugins.router.adaptive.AdaptiveRouterTest.GPT;
import static dev.rampart.plugins.router.adaptive.AdaptiveRouterTest.LARGE;
import static dev.rampart.plugins.router.adaptive.AdaptiveRouterTest.SMALL;
import static dev.rampart.plugins.router.adaptive.AdaptiveRouterTest.decided;
import static dev.rampart.plugins.router.adaptive.AdaptiveRouterTest.hasReason;
import static dev.rampart.plugins.router.adaptive.AdaptiveRouterTest.order;
import static dev.rampart.plugins.router.adaptive.AdaptiveRouterTest.outcome;
import static dev.rampart.plugins.router.adaptive.AdaptiveRouterTest.started;
import static dev.rampart.plugins.router.adaptive.AdaptiveRouterTest.tiers;
import static dev.rampart.plugins.router.support.RouterFixtures.chat;
import static dev.rampart.plugins.router.support.RouterFixtures.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.contracts.router.RouteDecision;
import dev.rampart.contracts.router.RouteRequest;
import io.vertx.core.json.JsonObject;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CanaryTest {

  private static JsonObject withCanary(double share, JsonObject bounds, int minSamples) {
    return tiers().put("canary", new JsonObject().put("model", "offline/offline-large").put("share", share)
        .put("bounds", bounds).put("min-samples", minSamples));
  }

  private static RouteRequest keyed(String requestId) {
    return route(chat("auto", "hello", new JsonObject().put("request-id", requestId)), ALL);
  }

  /** A decision that went to the canary (scanning deterministic keys until one does). */
  private static RouteDecision canaryDecision(AdaptiveRouter router) {
    for (int i = 0; i < 10_000; i++) {
      RouteDecision d = decided(router, keyed("probe-" + i));
      if (d.tier().equals("canary")) {
        return d;
      }
    }
    throw new AssertionError("no request went to the canary");
  }

  @Test
  void theCanaryReceivesItsShareOfDeterministicallyKeyedTraffic() {
    AdaptiveRouter router = started(withCanary(0.2, new JsonObject(), 10));

    int canary = 0;
    for (int i = 0; i < 5_000; i++) {
      RouteDecision d = decided(router, keyed("req-" + i));
      if (d.tier().equals("canary")) {
        canary++;
        assertEquals("offline/offline-large", order(d).get(0));
        assertEquals("offline/offline-small", order(d).get(1));
      }
    }
    // expected 1000; binomial standard deviation about 28
    assertEquals(1_000, canary, 100);
    // the same key always lands on the same side
    assertEquals(decided(router, keyed("req-42")).tier(), decided(router, keyed("req-42")).tier());
  }

  @Test
  void rolledBackWhenTheErrorRatePassesItsBoundAfterMinSamplesAndNotBefore() {
    AdaptiveRouter router = started(withCanary(0.5, new JsonObject().put("max-error-rate", 0.2), 20));
    RouteDecision d = canaryDecision(router);

    for (int i = 0; i < 19; i++) {
      router.observe(outcome(d, LARGE, false, 50, OptionalDouble.empty()));
    }
    assertFalse(router.canaryStatus("acme").orElseThrow().rolledBack(), "judged before min-samples");
    assertEquals(0.5, router.canaryStatus("acme").orElseThrow().share());

    router.observe(outcome(d, LARGE, false, 50, OptionalDouble.empty()));

    CanaryStatus status = router.canaryStatus("acme").orElseThrow();
    assertTrue(status.rolledBack());
    assertEquals(0.0, status.share());
    assertEquals("error rate 1.00 > max-error-rate 0.20 over the last 20 calls", status.reason().orElseThrow());
    assertTrue(status.rolledBackAt().isPresent());
    for (int i = 0; i < 200; i++) {
      assertFalse(decided(router, keyed("after-" + i)).tier().equals("canary"));
    }
    assertTrue(hasReason(decided(router, keyed("x")), "canary offline/offline-large rolled back: error rate 1.00"));
    assertEquals("rolled-back", router.state().getJsonObject("tenants").getJsonObject("acme")
        .getJsonObject("canary").getString("status"));
  }

  @Test
  void aCanaryWithinItsBoundsKeepsItsShare() {
    AdaptiveRouter router = started(withCanary(0.5, new JsonObject().put("max-error-rate", 0.2)
        .put("max-p95-latency-ms", 1000).put("min-quality", 0.5), 20));
    RouteDecision d = canaryDecision(router);

    for (int i = 0; i < 100; i++) {
      router.observe(outcome(d, LARGE, i % 10 != 0, 200 + i, OptionalDouble.of(0.9)));
    }

    CanaryStatus status = router.canaryStatus("acme").orElseThrow();
    assertFalse(status.rolledBack());
    assertEquals(100, status.samples());
    assertEquals(0.1, status.errorRate(), 1e-9);
    assertEquals(0.9, status.meanQuality().orElseThrow(), 1e-9);
  }

  @Test
  void aFallbackAwayFromTheCanaryCountsAsACanaryError() {
    AdaptiveRouter router = started(withCanary(0.5, new JsonObject().put("max-error-rate", 0.5), 4));
    RouteDecision d = canaryDecision(router);

    for (int i = 0; i < 4; i++) {
      router.observe(outcome(d, SMALL, true, 50, OptionalDouble.empty()));
    }

    assertTrue(router.canaryStatus("acme").orElseThrow().rolledBack());
  }

  @Test
  void rolledBackWhenP95LatencyPassesItsBound() {
    AdaptiveRouter router = started(withCanary(0.5, new JsonObject().put("max-p95-latency-ms", 1000), 20));
    RouteDecision d = canaryDecision(router);

    // 18 fast answers and 2 slow ones: p95 (nearest rank 19 of 20) is slow
    for (int i = 0; i < 18; i++) {
      router.observe(outcome(d, LARGE, true, 100, OptionalDouble.empty()));
    }
    router.observe(outcome(d, LARGE, true, 5_000, OptionalDouble.empty()));
    assertFalse(router.canaryStatus("acme").orElseThrow().rolledBack());
    router.observe(outcome(d, LARGE, true, 5_000, OptionalDouble.empty()));

    CanaryStatus status = router.canaryStatus("acme").orElseThrow();
    assertTrue(status.rolledBack());
    assertEquals("p95 latency 5000 ms > max-p95-latency-ms 1000 over the last 20 answers", status.reason().orElseThrow());
  }

  @Test
  void rolledBackWhenMeanQualityDropsBelowItsBound() {
    AdaptiveRouter router = started(withCanary(0.5, new JsonObject().put("min-quality", 0.7), 10));
    RouteDecision d = canaryDecision(router);

    for (int i = 0; i < 30; i++) {
      router.observe(outcome(d, LARGE, true, 100, OptionalDouble.empty()));
    }
    assertFalse(router.canaryStatus("acme").orElseThrow().rolledBack(), "unscored answers do not count");
    for (int i = 0; i < 10; i++) {
      router.observe(outcome(d, LARGE, true, 100, OptionalDouble.of(0.4)));
    }

    CanaryStatus status = router.canaryStatus("acme").orElseThrow();
    assertTrue(status.rolledBack());
    assertTrue(status.reason().orElseThrow().startsWith("mean quality 0.40 < min-quality 0.70"), status.reason()::toString);
  }

  @Test
  void outcomesOfOtherRoutesDoNotCountForTheCanary() {
    AdaptiveRouter router = started(withCanary(0.5, new JsonObject().put("max-error-rate", 0.1), 5));
    RouteDecision plain = null;
    for (int i = 0; plain == null; i++) {
      RouteDecision d = decided(router, keyed("k-" + i));
      plain = d.tier().equals("canary") ? null : d;
    }

    for (int i = 0; i < 20; i++) {
      router.observe(outcome(plain, GPT, false, 100, OptionalDouble.empty()));
    }

    assertEquals(0, router.canaryStatus("acme").orElseThrow().samples());
  }

  @Test
  void changingTheCanarySettingsStartsANewTrial() {
    AdaptiveRouter router = started(withCanary(0.5, new JsonObject().put("max-error-rate", 0.1), 2));
    RouteDecision d = canaryDecision(router);
    router.observe(outcome(d, LARGE, false, 100, OptionalDouble.empty()));
    router.observe(outcome(d, LARGE, false, 100, OptionalDouble.empty()));
    assertTrue(router.canaryStatus("acme").orElseThrow().rolledBack());

    JsonObject tenant = new JsonObject().put("canary", new JsonObject().put("model", "openai-prod/gpt-4o").put("share", 0.5));
    decided(router, route("acme", chat("auto", "hello"), ALL, tenant));

    CanaryStatus fresh = router.canaryStatus("acme").orElseThrow();
    assertFalse(fresh.rolledBack());
    assertEquals("openai-prod/gpt-4o", fresh.model());
  }
}
