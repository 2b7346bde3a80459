package dev.rampart.platform.llm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * How a chat was routed: the target that answered (or failed last), and what was tried before.
 *
 * @param provider provider instance
 * @param model provider model
 * @param tier the policy's tier label
 * @param reasons the policy's reasons
 * @param tried targets left before this one, with the error code that made the gateway leave
 * @param attempts provider calls made in all, retries included
 */
public record Routing(String provider, String model, String tier, List<String> reasons, List<Tried> tried, int attempts) {

  public Routing {
    reasons = List.copyOf(reasons);
    tried = List.copyOf(tried);
  }

  /**
   * A target that was left for the next.
   *
   * @param provider provider instance
   * @param model provider model
   * @param code the error code of its last failure
   */
  public record Tried(String provider, String model, String code) {}

  public JsonObject toJson() {
    JsonArray left = new JsonArray();
    tried.forEach(t -> left.add(new JsonObject().put("provider", t.provider()).put("model", t.model()).put("code", t.code())));
    return new JsonObject().put("provider", provider).put("model", model).put("tier", tier)
        .put("reasons", new JsonArray(reasons)).put("fallbacks-tried", left).put("attempts", attempts);
  }
}
