package dev.rampart.contracts.llm;

/**
 * Token counts of one call.
 *
 * @param promptTokens tokens in the input
 * @param completionTokens tokens in the output
 */
public record Usage(long promptTokens, long completionTokens) {

  public long totalTokens() {
    return promptTokens + completionTokens;
  }
}
