package dev.rampart.contracts.router;

import dev.rampart.contracts.Extension;
import io.vertx.core.Future;

/**
 * Picks the provider instance and model for a chat request, and learns from outcomes.
 *
 * <p>Threading, errors and timeouts follow {@link Extension}. {@link #observe} is called on an
 * event loop after every provider call and must return quickly; a policy that learns keeps its
 * state per tenant.
 */
public interface RouterPolicy extends Extension {

  /** The choice for this request, with the reasons for it. */
  Future<RouteDecision> decide(RouteRequest request);

  /** What happened with an earlier decision. */
  void observe(RouteOutcome outcome);
}
