package dev.rampart.contracts.router;

import java.util.Optional;

/**
 * The result of a call made on a decision.
 *
 * @param tenantId the calling tenant
 * @param decision the decision that was acted on
 * @param success whether the call succeeded
 * @param latencyMillis total call time
 * @param errorCode the stable error code when it failed
 */
public record RouteOutcome(
    String tenantId,
    RouteDecision decision,
    boolean success,
    long latencyMillis,
    Optional<String> errorCode) {}
