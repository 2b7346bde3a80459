package dev.rampart.contracts.llm;

/**
 * A model a provider serves.
 *
 * @param id provider model name
 * @param contextWindow maximum prompt plus completion tokens
 * @param inputPricePerMillion USD per million prompt tokens
 * @param outputPricePerMillion USD per million completion tokens
 * @param supportsTools whether it can call tools
 * @param supportsJsonMode whether it honours {@code response-format} JSON modes
 */
public record ModelInfo(
    String id,
    int contextWindow,
    double inputPricePerMillion,
    double outputPricePerMillion,
    boolean supportsTools,
    boolean supportsJsonMode) {

  /** The cost in USD of a call with this usage. */
  public double cost(Usage usage) {
    return (usage.promptTokens() * inputPricePerMillion + usage.completionTokens() * outputPricePerMillion) / 1_000_000d;
  }
}
