package dev.rampart.contracts.llm;

/**
 * A complete answer.
 *
 * @param model the model that answered
 * @param message the answer
 * @param finishReason {@code stop}, {@code length}, {@code tool_calls}, ...
 * @param usage tokens counted by the provider
 */
public record ChatResult(String model, ChatMessage message, String finishReason, Usage usage) {}
