package dev.rampart.contracts.llm;

import java.util.Optional;

/**
 * A piece of a streamed answer.
 *
 * @param delta text added by this chunk, may be empty
 * @param finishReason present on the last chunk only
 * @param usage present on the last chunk when the provider reports it
 */
public record ChatChunk(String delta, Optional<String> finishReason, Optional<Usage> usage) {}
