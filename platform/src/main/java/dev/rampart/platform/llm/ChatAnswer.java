package dev.rampart.platform.llm;

import dev.rampart.contracts.llm.ChatMessage;
import dev.rampart.contracts.llm.Usage;
import java.util.List;

/**
 * A complete answer from the gateway.
 *
 * @param id the chat's id ({@code chatcmpl-...})
 * @param created when it was made, epoch seconds
 * @param model the provider model that answered
 * @param message the answer, after the output guard
 * @param finishReason {@code stop}, {@code length}, {@code tool_calls} or {@code content_filter}
 * @param usage tokens, as the provider counted them
 * @param costUsd the call's cost at the model's prices
 * @param routing how it was routed
 * @param findings what the guard found in input and output
 * @param timing where the time went
 */
public record ChatAnswer(
    String id, long created, String model, ChatMessage message, String finishReason, Usage usage, double costUsd,
    Routing routing, List<GuardFinding> findings, Timing timing) {

  public ChatAnswer {
    findings = List.copyOf(findings);
  }
}
