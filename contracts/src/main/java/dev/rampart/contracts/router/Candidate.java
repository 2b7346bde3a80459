package dev.rampart.contracts.router;

import dev.rampart.contracts.llm.ModelInfo;

/**
 * A model a policy may pick.
 *
 * @param provider provider instance name
 * @param model the model and its limits, prices and features
 * @param available false while the provider's circuit breaker is open; a policy should prefer
 *     available candidates but may still name one (the kernel then falls back)
 */
public record Candidate(String provider, ModelInfo model, boolean available) {}
