package dev.rampart.contracts.persistence;

import java.time.Instant;

/**
 * One model call's usage.
 *
 * @param id unique id chosen by the kernel (idempotency key)
 * @param at when the call finished; its UTC date is the day it counts for
 * @param provider provider instance name
 * @param model provider model name
 * @param promptTokens tokens in
 * @param completionTokens tokens out
 * @param costUsd cost at the model's prices
 */
public record UsageRecord(
    String id, Instant at, String provider, String model, long promptTokens, long completionTokens, double costUsd) {}
