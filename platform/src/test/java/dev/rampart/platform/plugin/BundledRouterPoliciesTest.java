package dev.rampart.platform.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.contracts.llm.ChatMessage;
import dev.rampart.contracts.llm.ChatRequest;
import dev.rampart.contracts.llm.ModelInfo;
import dev.rampart.contracts.router.Candidate;
import dev.rampart.contracts.router.RouteDecision;
import dev.rampart.contracts.router.RouteRequest;
import dev.rampart.contracts.router.RouterPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router-rules and router-adaptive jars built by the reactor load, start and decide. */
class BundledRouterPoliciesTest {

  @TempDir Path data;
  private Vertx vertx;
  private PluginRuntime runtime;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    runtime = PluginRuntime.load(List.of(PluginRuntimeTest.BUNDLED), "0.1.0");
  }

  @AfterEach
  void tearDown() throws Exception {
    runtime.stop();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void bothPoliciesStartFromTheirJarsAndEachUsesItsOwnCopyOfTheSharedSupport() throws Exception {
    JsonObject rules = new JsonObject().put("aliases", new JsonObject().put("fast", "offline/offline-small"));
    JsonObject adaptive = new JsonObject().put("tiers", new JsonArray()
        .add(new JsonObject().put("name", "small").put("models", new JsonArray().add("offline/offline-small"))));
    ExtensionInstances instances = new ExtensionInstances(new PluginCalls(vertx, new SimpleMeterRegistry()))
        .start(vertx, runtime, List.of(
            new ExtensionInstances.Spec(ExtensionKind.ROUTER_POLICY, "rules", "rules", rules, 1000, "rampart.yaml:$.router-policies.rules"),
            new ExtensionInstances.Spec(ExtensionKind.ROUTER_POLICY, "adaptive", "adaptive", adaptive, 1000, "rampart.yaml:$.router-policies.adaptive")),
            data)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    RouterPolicy rulesPolicy = (RouterPolicy) instances.find(ExtensionKind.ROUTER_POLICY, "rules").orElseThrow().extension().orElseThrow();
    RouterPolicy adaptivePolicy = (RouterPolicy) instances.find(ExtensionKind.ROUTER_POLICY, "adaptive").orElseThrow().extension().orElseThrow();
    Candidate small = new Candidate("offline", new ModelInfo("offline-small", 8192, 0, 0, true, true), true);
    RouteRequest request = new RouteRequest("acme",
        new ChatRequest("fast", List.of(ChatMessage.of("user", "hi")), List.of(), new JsonObject()), List.of(small), new JsonObject());

    RouteDecision byRules = rulesPolicy.decide(request).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    RouteDecision byAdaptive = adaptivePolicy.decide(new RouteRequest("acme",
        new ChatRequest("auto", request.request().messages(), List.of(), new JsonObject()), List.of(small), new JsonObject()))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertEquals("offline-small", byRules.model());
    assertEquals("small", byAdaptive.tier());
    assertTrue(rulesPolicy.getClass().getClassLoader() != adaptivePolicy.getClass().getClassLoader());
    assertNotSame(
        rulesPolicy.getClass().getClassLoader().loadClass("dev.rampart.plugins.router.support.TokenEstimator"),
        adaptivePolicy.getClass().getClassLoader().loadClass("dev.rampart.plugins.router.support.TokenEstimator"));
  }
}
