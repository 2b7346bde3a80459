package dev.rampart.contracts.router;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The result of a call made on a decision.
 *
 * @param tenantId the calling tenant
 * @param decision the decision that was acted on
 * @param target the (provider, model) that finally answered or failed last
 * @param success whether the call succeeded
 * @param latencyMillis total call time
 * @param firstTokenMillis time to first token, for streamed calls
 * @param errorCode the stable error code when it failed
 * @param qualityScore a 0..1 quality signal when one is known (e.g. JSON that parsed against
 *     the requested schema), used by adaptive policies
 */
public record RouteOutcome(
    String tenantId,
    RouteDecision decision,
    RouteDecision.Target target,
    boolean success,
    long latencyMillis,
    OptionalLong firstTokenMillis,
    Optional<String> errorCode,
    OptionalDouble qualityScore) {}
