package dev.rampart.contracts.llm;

/**
 * A complete answer.
 *
 * @param model the model that answered
 * @param message the answer (an assistant message, possibly with tool calls)
 * @param finishReason {@code stop}, {@code length}, {@code tool_calls} or {@code content_filter}
 * @param usage tokens counted by the provider
 */
public record ChatResult(String model, ChatMessage message, String finishReason, Usage usage) {}
