package dev.rampart.plugins.llm.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.Health;
import dev.rampart.contracts.llm.UpstreamException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ApiKeyPoolTest {

  private final AtomicLong clock = new AtomicLong(-5_000); // nanoTime may be negative
  private final ApiKeyPool pool = new ApiKeyPool(List.of("a", "b"), Duration.ofSeconds(10), 2, clock::get);

  private String next() {
    return pool.next().orElseThrow().value();
  }

  @Test
  void keysAreHandedOutRoundRobinAndNeverShownInText() {
    assertEquals(List.of("a", "b", "a"), List.of(next(), next(), next()));
    assertFalse(pool.next().orElseThrow().toString().contains("b"));
  }

  @Test
  void aRefusedKeySitsOutItsBenchThenComesBack() {
    ApiKey a = pool.next().orElseThrow();
    pool.refused(a);

    assertEquals(List.of("b", "b"), List.of(next(), next()));
    assertEquals(Health.Status.DEGRADED, pool.health().status());
    clock.addAndGet(Duration.ofSeconds(10).toNanos());
    assertEquals(List.of("a", "b"), List.of(next(), next()));
  }

  @Test
  void aKeyIsBenchedAfterRateLimitsInARowForAtLeastTheUpstreamsWait() {
    ApiKey a = pool.next().orElseThrow();
    pool.rateLimited(a, Optional.empty());
    pool.succeeded(a); // the count is of rate limits in a row
    pool.rateLimited(a, Optional.empty());
    assertEquals(0, pool.benched());
    pool.rateLimited(a, Optional.of(Duration.ofSeconds(60)));
    assertEquals(1, pool.benched());
    clock.addAndGet(Duration.ofSeconds(30).toNanos());
    assertEquals(1, pool.benched());
  }

  @Test
  void whenEveryKeyIsBenchedTheCallFailsFastWithTheWaitUntilTheFirstReturns() {
    pool.refused(new ApiKey(0, "a"));
    clock.addAndGet(Duration.ofSeconds(4).toNanos());
    pool.rateLimited(new ApiKey(1, "b"), Optional.empty());
    pool.rateLimited(new ApiKey(1, "b"), Optional.empty());

    UpstreamException e = assertThrows(UpstreamException.class, pool::next);

    assertEquals(ErrorCode.RATE_LIMITED, e.code());
    assertEquals(Optional.of(Duration.ofSeconds(6)), e.retryAfter());
    assertTrue(e.retryable());
    assertEquals(Health.Status.DOWN, pool.health().status());
  }

  @Test
  void aPoolWithoutKeysSendsNoCredential() {
    assertEquals(Optional.empty(), new ApiKeyPool(List.of(), Duration.ofSeconds(1), 1, clock::get).next());
  }
}
