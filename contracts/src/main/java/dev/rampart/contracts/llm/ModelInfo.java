package dev.rampart.contracts.llm;

/**
 * A model a provider serves.
 *
 * @param id provider model name
 * @param contextWindow maximum prompt plus completion tokens
 * @param inputPricePerMillion USD per million prompt tokens
 * @param outputPricePerMillion USD per million completion tokens
 */
public record ModelInfo(
    String id, int contextWindow, double inputPricePerMillion, double outputPricePerMillion) {}
