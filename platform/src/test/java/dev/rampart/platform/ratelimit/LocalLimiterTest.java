package dev.rampart.platform.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.contracts.ErrorCode;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The in-process limiter, on a hand-driven clock. */
class LocalLimiterTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private Instant now = Instant.parse("2026-03-10T12:00:00Z");
  private final LocalLimiter limiter = new LocalLimiter(new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }, nanos::get);

  private static TenantLimits limits(double rps, int burst, int inFlight, long tpm, double daily, double monthly) {
    return new TenantLimits(rps, burst, inFlight, tpm, daily, monthly);
  }

  private static LimitExceeded refusal(Future<?> f) {
    assertTrue(f.failed(), "expected a refusal");
    return (LimitExceeded) f.cause();
  }

  @Test
  void aBurstIsAdmittedThenTheRateHoldsAndTimeRefillsIt() {
    TenantLimits l = limits(10, 3, 100, 0, 0, 0);
    for (int i = 0; i < 3; i++) {
      assertTrue(limiter.admit("t", l).succeeded(), "burst request " + i);
    }
    LimitExceeded e = refusal(limiter.admit("t", l));
    assertEquals(ErrorCode.RATE_LIMITED, e.code());
    assertTrue(e.retryAfter().orElseThrow().toMillis() <= 100);
    nanos.addAndGet(100_000_000L);
    assertTrue(limiter.admit("t", l).succeeded(), "one more after one emission interval");
  }

  @Test
  void inFlightSlotsAreHeldUntilReleasedOnce() {
    TenantLimits l = limits(1000, 1000, 2, 0, 0, 0);
    Permit a = limiter.admit("t", l).result();
    limiter.admit("t", l).result();
    assertEquals("in-flight", refusal(limiter.admit("t", l)).limit());
    limiter.release(a);
    limiter.release(a);
    assertTrue(limiter.admit("t", l).succeeded());
    assertEquals("in-flight", refusal(limiter.admit("t", l)).limit(), "a double release frees one slot only");
  }

  @Test
  void tokensPerMinuteAreReservedSettledAndRefilled() {
    TenantLimits l = limits(1000, 1000, 100, 600, 0, 0);
    Reservation r = limiter.reserve("t", l, 500, 0).result();
    LimitExceeded e = refusal(limiter.reserve("t", l, 200, 0));
    assertEquals("tokens-per-minute", e.limit());
    assertEquals(100, e.remaining().tokensPerMinute());
    limiter.settle(r, 100, 0);
    assertTrue(limiter.reserve("t", l, 200, 0).succeeded(), "the unused estimate came back");
    nanos.addAndGet(60_000_000_000L);
    assertEquals(600, limiter.remaining("t", l).result().tokensPerMinute());
  }

  @Test
  void budgetsRefuseAnEstimateBeyondWhatRemainsAndSettleTheRealCost() {
    TenantLimits l = limits(1000, 1000, 100, 0, 1.0, 10.0);
    Reservation r = limiter.reserve("t", l, 10, 0.6).result();
    LimitExceeded e = refusal(limiter.reserve("t", l, 10, 0.5));
    assertEquals(ErrorCode.BUDGET_EXCEEDED, e.code());
    assertEquals(0.4, e.remaining().dailyUsd(), 1e-9);
    assertEquals(1.0, r.headroomUsd(), 1e-9);
    limiter.settle(r, 10, 0.2);
    limiter.settle(r, 10, 0.9);
    assertEquals(0.8, limiter.remaining("t", l).result().dailyUsd(), 1e-9, "settled once, at the real cost");
  }

  @Test
  void extensionsShareWhatRemainsAndTheSettleReplacesReservationAndExtensions() {
    TenantLimits l = limits(1000, 1000, 100, 0, 1.0, 10.0);
    Reservation a = limiter.reserve("t", l, 10, 0.1).result();
    Reservation b = limiter.reserve("t", l, 10, 0.1).result();
    assertTrue(limiter.extend(a, l, 0.5, 100).succeeded());
    LimitExceeded refused = refusal(limiter.extend(b, l, 0.5, 100));
    assertEquals(ErrorCode.BUDGET_EXCEEDED, refused.code());
    assertEquals("daily-budget-usd", refused.limit());
    assertEquals(0.3, limiter.remaining("t", l).result().dailyUsd(), 1e-9, "a refused extension charges nothing");
    assertTrue(limiter.extend(b, l, 0.3, 30).succeeded());
    limiter.settle(a, 110, 0.55);
    limiter.settle(b, 40, 0.42);
    assertEquals(0.03, limiter.remaining("t", l).result().dailyUsd(), 1e-9, "settled at the real costs");
    assertTrue(limiter.extend(a, l, 5.0, 10).succeeded(), "a settled reservation is not charged again");
    assertEquals(0.03, limiter.remaining("t", l).result().dailyUsd(), 1e-9);
  }

  @Test
  void aNewDayStartsTheDailyBudgetAfreshButNotTheMonthly() {
    TenantLimits l = limits(1000, 1000, 100, 0, 1.0, 1.5);
    limiter.settle(limiter.reserve("t", l, 10, 0.9).result(), 10, 0.9);
    now = now.plusSeconds(86_400);
    Remaining left = limiter.remaining("t", l).result();
    assertEquals(1.0, left.dailyUsd(), 1e-9);
    assertEquals(0.6, left.monthlyUsd(), 1e-9);
    assertEquals("monthly-budget-usd", refusal(limiter.reserve("t", l, 10, 0.7)).limit());
  }

  @Test
  void seedingFromTheLedgerCountsOnceAndOnlyForTheCurrentPeriods() {
    TenantLimits l = limits(1000, 1000, 100, 0, 1.0, 5.0);
    limiter.seed("t", LocalDate.of(2026, 3, 10), 0.25, 2.0);
    limiter.seed("t", LocalDate.of(2026, 3, 10), 0.25, 2.0);
    Remaining left = limiter.remaining("t", l).result();
    assertEquals(0.75, left.dailyUsd(), 1e-9);
    assertEquals(3.0, left.monthlyUsd(), 1e-9);
    limiter.seed("other", LocalDate.of(2026, 2, 28), 0.5, 4.0);
    assertEquals(5.0, limiter.remaining("other", l).result().monthlyUsd(), 1e-9, "last month's spend does not count");
  }

  @Test
  void limitsOfZeroMeanNoLimit() {
    TenantLimits l = limits(1000, 1000, 100, 0, 0, 0);
    assertTrue(limiter.reserve("t", l, 10_000_000, 1_000_000).succeeded());
    Remaining left = limiter.remaining("t", l).result();
    assertTrue(Double.isInfinite(left.dailyUsd()));
    assertEquals(Long.MAX_VALUE, left.tokensPerMinute());
  }
}
