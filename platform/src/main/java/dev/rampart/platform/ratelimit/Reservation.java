package dev.rampart.platform.ratelimit;

import java.time.LocalDate;

/**
 * Tokens and cost held for one model call until {@link Limiter#settle} replaces them with what
 * the call really used.
 *
 * @param id unique, so settling is idempotent
 * @param tenantId the tenant
 * @param day the UTC day the spend counts for
 * @param tokens tokens held
 * @param costUsd cost held
 * @param headroomUsd what the call could spend in all when it was reserved (its own reservation
 *     included); infinite when no budget applies. Parallel calls share it: a stream that outgrows
 *     its reservation takes more with {@link Limiter#extend}, and is stopped when that is refused.
 */
public record Reservation(String id, String tenantId, LocalDate day, long tokens, double costUsd, double headroomUsd) {}
