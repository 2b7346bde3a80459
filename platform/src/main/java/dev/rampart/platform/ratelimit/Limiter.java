package dev.rampart.platform.ratelimit;

import io.vertx.core.Future;
import java.time.LocalDate;

/**
 * Every per-tenant limit and budget counter the gateway enforces, behind one interface so the
 * in-process {@link LocalLimiter} of a single node and a shared (Redis) implementation of a
 * cluster are interchangeable. Methods return futures because a shared implementation does I/O;
 * they never block and may be called from any event loop.
 *
 * <p>Refusals fail with {@link LimitExceeded}: {@code RATE_LIMITED} (429) for rate, concurrency
 * and tokens per minute, {@code BUDGET_EXCEEDED} (402) for the daily and monthly cost ceilings.
 * A refusal changes no counter.
 */
public interface Limiter {

  /**
   * Admits one request: its rate (GCRA with {@code requests-per-second} and {@code burst}) and
   * one of the tenant's {@code in-flight} slots, held until {@link #release}.
   */
  Future<Permit> admit(String tenantId, TenantLimits limits);

  /** Gives the in-flight slot back; releasing twice is harmless. */
  Future<Void> release(Permit permit);

  /**
   * Holds the estimated tokens (against {@code tokens-per-minute}) and cost (against the daily and
   * monthly budgets) of a call before it is made.
   */
  Future<Reservation> reserve(String tenantId, TenantLimits limits, long tokens, double costUsd);

  /**
   * Charges an open reservation more while its call runs (a streamed answer longer than
   * estimated), so concurrent calls of one tenant share what is left of its budgets instead of
   * each spending the whole remainder. Fails with {@code BUDGET_EXCEEDED} and charges nothing when
   * the daily or monthly budget cannot cover {@code deltaUsd}; the tokens are charged against
   * {@code tokens-per-minute} without refusal (they are already produced). A reservation already
   * settled is not charged. {@link #settle} then replaces the reservation and its extensions.
   */
  Future<Void> extend(Reservation reservation, TenantLimits limits, double deltaUsd, long deltaTokens);

  /**
   * Replaces a reservation by the real usage: the difference is given back or charged (a call
   * that cost more than estimated may take a counter past its limit; later calls are refused
   * until it recovers). Settling twice counts once; {@code 0, 0} cancels a call that was not made.
   */
  Future<Void> settle(Reservation reservation, long tokens, double costUsd);

  /** What the tenant may still use now. */
  Future<Remaining> remaining(String tenantId, TenantLimits limits);

  /**
   * Starts the tenant's budget counters from the usage ledger ({@code day} and its month),
   * unless they are already known (a shared implementation keeps its counters across restarts
   * of one node).
   */
  Future<Void> seed(String tenantId, LocalDate day, double dayCostUsd, double monthCostUsd);
}
