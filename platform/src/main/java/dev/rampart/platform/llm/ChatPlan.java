package dev.rampart.platform.llm;

import dev.rampart.contracts.llm.ChatMessage;
import dev.rampart.contracts.llm.ModelInfo;
import dev.rampart.contracts.router.RouteDecision;
import dev.rampart.platform.ratelimit.Permit;
import dev.rampart.platform.ratelimit.Reservation;
import dev.rampart.platform.ratelimit.TenantLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything decided about one chat before a provider is called: who, within which limits, the
 * guarded input, the routing decision and the chain of targets to try, and what was reserved.
 * The mutable part records what happened during the calls.
 */
final class ChatPlan {

  /** A (provider, model) to try, with the model's limits and prices. */
  record Target(String provider, ModelInfo model) {}

  final String id;
  final long created;
  final long startedNanos;
  final String tenantId;
  final TenantLlm llm;
  final TenantLimits limits;
  final Permit permit;
  final ChatCall call;
  final List<ChatMessage> messages;
  final List<GuardFinding> findings;
  final Optional<String> router;
  final RouteDecision decision;
  final List<Target> chain;
  final long promptTokens;
  final Reservation reservation;

  // what happened; touched on the request's event loop only
  final List<Routing.Tried> tried = new ArrayList<>();
  int attempts;
  long providerNanos;

  ChatPlan(String id, long created, long startedNanos, String tenantId, TenantLlm llm, TenantLimits limits, Permit permit,
      ChatCall call, List<ChatMessage> messages, List<GuardFinding> findings, Optional<String> router, RouteDecision decision,
      List<Target> chain, long promptTokens, Reservation reservation) {
    this.id = id;
    this.created = created;
    this.startedNanos = startedNanos;
    this.tenantId = tenantId;
    this.llm = llm;
    this.limits = limits;
    this.permit = permit;
    this.call = call;
    this.messages = List.copyOf(messages);
    this.findings = List.copyOf(findings);
    this.router = router;
    this.decision = decision;
    this.chain = List.copyOf(chain);
    this.promptTokens = promptTokens;
    this.reservation = reservation;
  }

  Routing routing(Target answered) {
    return new Routing(answered.provider(), answered.model().id(), decision.tier(), decision.reasons(), tried, attempts);
  }
}
