package dev.rampart.contracts.router;

import dev.rampart.contracts.llm.ChatRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What a policy decides on.
 *
 * @param tenantId the calling tenant
 * @param request the request, with {@code model} as the client wrote it (a model id or an alias)
 * @param candidates every (provider, model) the tenant may use, in the tenant's preferred order
 * @param tenantSettings the tenant's {@code llm.router} settings (aliases, canary, ...), may be empty
 */
public record RouteRequest(String tenantId, ChatRequest request, List<Candidate> candidates, JsonObject tenantSettings) {

  public RouteRequest {
    candidates = List.copyOf(candidates);
  }
}
