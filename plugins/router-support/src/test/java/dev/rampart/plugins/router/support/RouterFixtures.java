package dev.rampart.plugins.router.support;

import dev.rampart.contracts.llm.ChatMessage;
import dev.rampart.contracts.llm.ChatRequest;
import dev.rampart.contracts.llm.ModelInfo;
import dev.rampart.contracts.llm.ToolDefinition;
import dev.rampart.contracts.router.Candidate;
import dev.rampart.contracts.router.RouteRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Candidates and requests for router tests (shared through this module's test-jar). */
public final class RouterFixtures {

  private RouterFixtures() {}

  /** A model with a context window and prices, supporting tools and JSON mode, available. */
  public static Candidate model(String provider, String id, int contextWindow, double inPrice, double outPrice) {
    return new Candidate(provider, new ModelInfo(id, contextWindow, inPrice, outPrice, true, true), true);
  }

  /** The same candidate with its circuit open. */
  public static Candidate unavailable(Candidate c) {
    return new Candidate(c.provider(), c.model(), false);
  }

  /** The same candidate without tool calling. */
  public static Candidate withoutTools(Candidate c) {
    ModelInfo m = c.model();
    return new Candidate(c.provider(), new ModelInfo(m.id(), m.contextWindow(), m.inputPricePerMillion(),
        m.outputPricePerMillion(), false, m.supportsJsonMode()), c.available());
  }

  /** The same candidate without JSON mode. */
  public static Candidate withoutJson(Candidate c) {
    ModelInfo m = c.model();
    return new Candidate(c.provider(), new ModelInfo(m.id(), m.contextWindow(), m.inputPricePerMillion(),
        m.outputPricePerMillion(), m.supportsTools(), false), c.available());
  }

  /** A one-message user request for {@code model}. */
  public static ChatRequest chat(String model, String text) {
    return new ChatRequest(model, List.of(ChatMessage.of("user", text)), List.of(), new JsonObject());
  }

  /** A one-message user request with options. */
  public static ChatRequest chat(String model, String text, JsonObject options) {
    return new ChatRequest(model, List.of(ChatMessage.of("user", text)), List.of(), options);
  }

  /** A one-message user request that offers one tool. */
  public static ChatRequest chatWithTool(String model, String text) {
    ToolDefinition tool = new ToolDefinition("lookup", "looks things up",
        new JsonObject().put("type", "object").put("properties", new JsonObject()));
    return new ChatRequest(model, List.of(ChatMessage.of("user", text)), List.of(tool), new JsonObject());
  }

  /** {@code response-format} options asking for a JSON object. */
  public static JsonObject jsonObject() {
    return new JsonObject().put("response-format", new JsonObject().put("type", "json_object"));
  }

  /** {@code response-format} options asking for a strict JSON schema. */
  public static JsonObject strictSchema() {
    return new JsonObject().put("response-format", new JsonObject().put("type", "json_schema")
        .put("json_schema", new JsonObject().put("name", "answer").put("strict", true)
            .put("schema", new JsonObject().put("type", "object"))));
  }

  /** A routing request for tenant {@code acme} with no tenant settings. */
  public static RouteRequest route(ChatRequest chat, List<Candidate> candidates) {
    return new RouteRequest("acme", chat, candidates, new JsonObject());
  }

  /** A routing request with tenant settings. */
  public static RouteRequest route(String tenant, ChatRequest chat, List<Candidate> candidates, JsonObject tenantSettings) {
    return new RouteRequest(tenant, chat, candidates, tenantSettings);
  }

  /** Text of about {@code tokens} estimated tokens. */
  public static String textOfTokens(int tokens) {
    return "x".repeat(tokens * TokenEstimator.CHARS_PER_TOKEN);
  }
}
