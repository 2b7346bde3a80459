package dev.rampart.contracts.router;

import dev.rampart.contracts.llm.ChatRequest;
import java.util.List;

/**
 * What a policy decides on.
 *
 * @param tenantId the calling tenant
 * @param request the request, with {@code model} as the client wrote it (a name or an alias)
 * @param allowedProviders the provider instances the tenant may use, in its preferred order
 */
public record RouteRequest(String tenantId, ChatRequest request, List<String> allowedProviders) {

  public RouteRequest {
    allowedProviders = List.copyOf(allowedProviders);
  }
}
