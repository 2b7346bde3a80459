package dev.rampart.platform.ratelimit;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The in-process {@link Limiter} of a single node (the embedded mode). Each tenant's counters sit
 * in one small object guarded by its own lock, so tenants never contend with each other. Memory is
 * bounded: at most {@link #MAX_TENANTS} tenants are tracked (the least recently seen is dropped
 * beyond that), and per tenant at most {@link #MAX_OPEN_RESERVATIONS} reservations stay open (the
 * oldest is dropped, as if settled at its estimate).
 */
public final class LocalLimiter implements Limiter {

  static final int MAX_TENANTS = 10_000;
  static final int MAX_OPEN_RESERVATIONS = 10_000;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final Clock clock;
  private final LongSupplier nanos;
  private final Map<String, TenantCounters> tenants = new ConcurrentHashMap<>();

  public LocalLimiter() {
    this(Clock.systemUTC(), System::nanoTime);
  }

  /** @param clock for UTC days and months; @param nanos monotonic time for rates */
  public LocalLimiter(Clock clock, LongSupplier nanos) {
    this.clock = clock;
    this.nanos = nanos;
  }

  @Override
  public Future<Permit> admit(String tenantId, TenantLimits limits) {
    return attempt(() -> counters(tenantId).admit(tenantId, limits, nanos.getAsLong()));
  }

  @Override
  public Future<Void> release(Permit permit) {
    TenantCounters c = tenants.get(permit.tenantId());
    if (c != null) {
      c.release(permit.id());
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Reservation> reserve(String tenantId, TenantLimits limits, long tokens, double costUsd) {
    return attempt(() -> counters(tenantId).reserve(tenantId, limits, tokens, costUsd, today(), nanos.getAsLong()));
  }

  @Override
  public Future<Void> extend(Reservation reservation, TenantLimits limits, double deltaUsd, long deltaTokens) {
    TenantCounters c = tenants.get(reservation.tenantId());
    if (c == null) {
      return Future.succeededFuture();
    }
    return attempt(() -> {
      c.extend(reservation, limits, deltaUsd, deltaTokens, today(), nanos.getAsLong());
      return null;
    });
  }

  @Override
  public Future<Void> settle(Reservation reservation, long tokens, double costUsd) {
    TenantCounters c = tenants.get(reservation.tenantId());
    if (c != null) {
      c.settle(reservation, tokens, costUsd, today(), nanos.getAsLong());
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Remaining> remaining(String tenantId, TenantLimits limits) {
    return Future.succeededFuture(counters(tenantId).remaining(limits, today(), nanos.getAsLong()));
  }

  @Override
  public Future<Void> seed(String tenantId, LocalDate day, double dayCostUsd, double monthCostUsd) {
    counters(tenantId).seed(day, dayCostUsd, monthCostUsd, today());
    return Future.succeededFuture();
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }

  private TenantCounters counters(String tenantId) {
    TenantCounters c = tenants.computeIfAbsent(tenantId, id -> new TenantCounters());
    c.lastSeen = nanos.getAsLong();
    if (tenants.size() > MAX_TENANTS) {
      evictOldest();
    }
    return c;
  }

  private void evictOldest() {
    String oldest = null;
    long seen = Long.MAX_VALUE;
    for (Map.Entry<String, TenantCounters> e : tenants.entrySet()) {
      if (e.getValue().lastSeen < seen) {
        seen = e.getValue().lastSeen;
        oldest = e.getKey();
      }
    }
    if (oldest != null) {
      tenants.remove(oldest);
    }
  }

  private static <T> Future<T> attempt(java.util.function.Supplier<T> action) {
    try {
      return Future.succeededFuture(action.get());
    } catch (RampartException e) {
      return Future.failedFuture(e);
    }
  }

  /** One tenant's counters; every method holds its lock. */
  private static final class TenantCounters {
    volatile long lastSeen;
    // GCRA: the theoretical arrival time of the next request
    private long tat = Long.MIN_VALUE;
    private final Map<String, Boolean> inFlight = new ConcurrentHashMap<>();
    // tokens per minute: a bucket refilled continuously, which may go negative after a settle
    private double tokens = Double.NaN;
    private long tokensAt;
    // budgets: settled spend plus open reservations, per current day and month
    private LocalDate day;
    private double daySpent;
    private double monthSpent;
    private boolean seeded;
    private final LinkedHashMap<String, Reservation> open = new LinkedHashMap<>();

    synchronized Permit admit(String tenantId, TenantLimits limits, long now) {
      long interval = (long) (NANOS_PER_SECOND / limits.requestsPerSecond());
      long start = tat == Long.MIN_VALUE ? now : Math.max(tat, now);
      long tolerance = interval * Math.max(1, limits.burst());
      if (start + interval - now > tolerance) {
        long wait = start + interval - now - tolerance;
        throw new LimitExceeded(ErrorCode.RATE_LIMITED, "more than " + limits.requestsPerSecond()
            + " requests per second (burst " + limits.burst() + ")", "requests-per-second",
            remainingLocked(limits, day == null ? LocalDate.MIN : day, now), Optional.of(Duration.ofNanos(wait)));
      }
      if (inFlight.size() >= limits.inFlight()) {
        throw new LimitExceeded(ErrorCode.RATE_LIMITED, limits.inFlight() + " requests are already in flight",
            "in-flight", remainingLocked(limits, day == null ? LocalDate.MIN : day, now), Optional.of(Duration.ofSeconds(1)));
      }
      tat = start + interval;
      Permit permit = new Permit(UUID.randomUUID().toString(), tenantId);
      inFlight.put(permit.id(), Boolean.TRUE);
      return permit;
    }

    void release(String permitId) {
      inFlight.remove(permitId);
    }

    synchronized Reservation reserve(String tenantId, TenantLimits limits, long wanted, double cost, LocalDate today, long now) {
      roll(today);
      refill(limits, now);
      Remaining left = remainingLocked(limits, today, now);
      if (limits.tokensPerMinute() > 0) {
        if (wanted > limits.tokensPerMinute()) {
          throw new LimitExceeded(ErrorCode.RATE_LIMITED, "the request needs about " + wanted
              + " tokens, more than the tenant's " + limits.tokensPerMinute() + " tokens per minute", "tokens-per-minute",
              left, Optional.empty());
        }
        if (wanted > tokens) {
          double perNano = limits.tokensPerMinute() / 60e9;
          long wait = (long) Math.ceil((wanted - tokens) / perNano);
          throw new LimitExceeded(ErrorCode.RATE_LIMITED, "tokens per minute spent: about " + wanted + " needed, "
              + Math.max(0, (long) tokens) + " available", "tokens-per-minute", left, Optional.of(Duration.ofNanos(wait)));
        }
      }
      double headroom = Math.min(left.dailyUsd(), left.monthlyUsd());
      if (cost > left.dailyUsd()) {
        throw new LimitExceeded(ErrorCode.BUDGET_EXCEEDED, String.format(java.util.Locale.ROOT,
            "the daily budget of %.4f USD is spent: %.6f USD left, this request needs about %.6f USD",
            limits.dailyBudgetUsd(), Math.max(0, left.dailyUsd()), cost), "daily-budget-usd", left, Optional.empty());
      }
      if (cost > left.monthlyUsd()) {
        throw new LimitExceeded(ErrorCode.BUDGET_EXCEEDED, String.format(java.util.Locale.ROOT,
            "the monthly budget of %.4f USD is spent: %.6f USD left, this request needs about %.6f USD",
            limits.monthlyBudgetUsd(), Math.max(0, left.monthlyUsd()), cost), "monthly-budget-usd", left, Optional.empty());
      }
      if (limits.tokensPerMinute() > 0) {
        tokens -= wanted;
      }
      Reservation r = new Reservation(UUID.randomUUID().toString(), tenantId, today, wanted, cost, headroom);
      daySpent += cost;
      monthSpent += cost;
      open.put(r.id(), r);
      if (open.size() > MAX_OPEN_RESERVATIONS) {
        Iterator<String> oldest = open.keySet().iterator();
        oldest.next();
        oldest.remove();
      }
      return r;
    }

    synchronized void extend(Reservation r, TenantLimits limits, double deltaUsd, long deltaTokens, LocalDate today, long now) {
      Reservation held = open.get(r.id());
      if (held == null) {
        return;
      }
      roll(today);
      refill(limits, now);
      Remaining left = remainingLocked(limits, today, now);
      boolean sameDay = held.day().equals(day);
      boolean sameMonth = YearMonth.from(held.day()).equals(YearMonth.from(today));
      if (sameDay && deltaUsd > left.dailyUsd()) {
        throw new LimitExceeded(ErrorCode.BUDGET_EXCEEDED, String.format(java.util.Locale.ROOT,
            "the daily budget of %.4f USD ran out during the answer", limits.dailyBudgetUsd()), "daily-budget-usd",
            left, Optional.empty());
      }
      if (sameMonth && deltaUsd > left.monthlyUsd()) {
        throw new LimitExceeded(ErrorCode.BUDGET_EXCEEDED, String.format(java.util.Locale.ROOT,
            "the monthly budget of %.4f USD ran out during the answer", limits.monthlyBudgetUsd()), "monthly-budget-usd",
            left, Optional.empty());
      }
      if (sameDay) {
        daySpent += deltaUsd;
      }
      if (sameMonth) {
        monthSpent += deltaUsd;
      }
      if (limits.tokensPerMinute() > 0) {
        tokens -= deltaTokens;
      }
      open.put(r.id(), new Reservation(held.id(), held.tenantId(), held.day(), held.tokens() + deltaTokens,
          held.costUsd() + deltaUsd, held.headroomUsd()));
    }

    synchronized void settle(Reservation reservation, long used, double cost, LocalDate today, long now) {
      // what is held now: the reservation and its extensions
      Reservation r = open.remove(reservation.id());
      if (r == null) {
        return;
      }
      roll(today);
      if (!Double.isNaN(tokens)) {
        tokens += r.tokens() - used;
      }
      if (r.day().equals(day)) {
        daySpent += cost - r.costUsd();
      }
      if (YearMonth.from(r.day()).equals(YearMonth.from(today))) {
        monthSpent += cost - r.costUsd();
      }
    }

    synchronized Remaining remaining(TenantLimits limits, LocalDate today, long now) {
      roll(today);
      refill(limits, now);
      return remainingLocked(limits, today, now);
    }

    synchronized void seed(LocalDate ledgerDay, double dayCost, double monthCost, LocalDate today) {
      roll(today);
      if (seeded) {
        return;
      }
      seeded = true;
      if (ledgerDay.equals(today)) {
        daySpent += dayCost;
      }
      if (YearMonth.from(ledgerDay).equals(YearMonth.from(today))) {
        monthSpent += monthCost;
      }
    }

    private Remaining remainingLocked(TenantLimits limits, LocalDate today, long now) {
      double daily = limits.dailyBudgetUsd() > 0 ? limits.dailyBudgetUsd() - daySpent : Double.POSITIVE_INFINITY;
      double monthly = limits.monthlyBudgetUsd() > 0 ? limits.monthlyBudgetUsd() - monthSpent : Double.POSITIVE_INFINITY;
      long perMinute = limits.tokensPerMinute() > 0 ? Math.max(0, (long) (Double.isNaN(tokens) ? limits.tokensPerMinute() : tokens)) : Long.MAX_VALUE;
      return new Remaining(daily, monthly, perMinute);
    }

    private void roll(LocalDate today) {
      if (day == null) {
        day = today;
        return;
      }
      if (!today.equals(day)) {
        if (!YearMonth.from(today).equals(YearMonth.from(day))) {
          monthSpent = 0;
        }
        daySpent = 0;
        day = today;
      }
    }

    private void refill(TenantLimits limits, long now) {
      if (limits.tokensPerMinute() <= 0) {
        return;
      }
      double capacity = limits.tokensPerMinute();
      if (Double.isNaN(tokens)) {
        tokens = capacity;
      } else {
        tokens = Math.min(capacity, tokens + (now - tokensAt) * (capacity / 60e9));
      }
      tokensAt = now;
    }
  }
}
