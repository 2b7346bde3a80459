package dev.rampart.contracts.persistence;

import java.time.LocalDate;

/**
 * Usage summed over a day for one provider and model.
 *
 * @param day UTC date
 * @param provider provider instance name
 * @param model provider model name
 * @param requests number of calls
 * @param promptTokens tokens in
 * @param completionTokens tokens out
 * @param costUsd total cost
 */
public record UsageTotal(
    LocalDate day, String provider, String model, long requests, long promptTokens, long completionTokens, double costUsd) {}
