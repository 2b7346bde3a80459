package dev.rampart.plugins.llm.support;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.Health;
import dev.rampart.contracts.llm.UpstreamException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The API keys of one provider instance, handed out round-robin. A key the upstream refuses
 * (401/403) is benched at once; a key rate-limited {@code rateLimitsBeforeBench} times in a row is
 * benched for the longer of the bench time and the upstream's Retry-After. A benched key is never
 * handed out while another is available; when every key is benched, {@link #next()} fails fast so
 * the kernel can fall back instead of spending a call that will be refused.
 *
 * <p>Thread-safe: one instance serves calls from every event loop.
 */
public final class ApiKeyPool {

  private final List<String> keys;
  private final long benchNanos;
  private final int rateLimitsBeforeBench;
  private final LongSupplier nanoClock;
  private final long[] benchedUntil;
  private final boolean[] benchedForRateLimit;
  private final int[] rateLimitsInARow;
  private int cursor;

  /**
   * @param keys the configured keys, possibly none (a local server that needs no key)
   * @param bench how long a refused or repeatedly rate-limited key sits out
   * @param rateLimitsBeforeBench consecutive 429s that bench a key (at least 1)
   * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime} outside tests)
   */
  public ApiKeyPool(List<String> keys, Duration bench, int rateLimitsBeforeBench, LongSupplier nanoClock) {
    this.keys = List.copyOf(keys);
    this.benchNanos = bench.toNanos();
    this.rateLimitsBeforeBench = Math.max(1, rateLimitsBeforeBench);
    this.nanoClock = nanoClock;
    this.benchedUntil = new long[keys.size()];
    this.benchedForRateLimit = new boolean[keys.size()];
    this.rateLimitsInARow = new int[keys.size()];
    java.util.Arrays.fill(benchedUntil, nanoClock.getAsLong()); // nanoTime may be any value, even 0
  }

  /**
   * The key for the next call: empty when the pool has no keys at all.
   *
   * @throws UpstreamException every key is benched ({@code RATE_LIMITED} when one of them sits out
   *     a rate limit, {@code UPSTREAM_FAILED} when all were refused), with the wait until the first
   *     comes back
   */
  public synchronized Optional<ApiKey> next() {
    if (keys.isEmpty()) {
      return Optional.empty();
    }
    long now = nanoClock.getAsLong();
    for (int i = 0; i < keys.size(); i++) {
      int slot = (cursor + i) % keys.size();
      if (!isBenched(slot, now)) {
        cursor = (slot + 1) % keys.size();
        return Optional.of(new ApiKey(slot, keys.get(slot)));
      }
    }
    long soonest = Long.MAX_VALUE;
    boolean rateLimited = false;
    for (int slot = 0; slot < keys.size(); slot++) {
      soonest = Math.min(soonest, benchedUntil[slot] - now);
      rateLimited |= benchedForRateLimit[slot];
    }
    Optional<Duration> wait = Optional.of(Duration.ofNanos(Math.max(0, soonest)));
    throw rateLimited
        ? new UpstreamException(ErrorCode.RATE_LIMITED, "every API key of this provider is benched after rate limits", 0, wait, true)
        : new UpstreamException(ErrorCode.UPSTREAM_FAILED, "every API key of this provider was refused by the upstream", 0, wait, true);
  }

  /** The call with {@code key} got an answer that was not a rate limit. */
  public synchronized void succeeded(ApiKey key) {
    rateLimitsInARow[key.slot()] = 0;
  }

  /** The upstream refused {@code key} (401/403): bench it. */
  public synchronized void refused(ApiKey key) {
    bench(key.slot(), benchNanos, false);
  }

  /** The upstream rate-limited {@code key}; benched after enough in a row. */
  public synchronized void rateLimited(ApiKey key, Optional<Duration> retryAfter) {
    int slot = key.slot();
    rateLimitsInARow[slot]++;
    if (rateLimitsInARow[slot] >= rateLimitsBeforeBench) {
      long wait = Math.max(benchNanos, retryAfter.map(Duration::toNanos).orElse(0L));
      bench(slot, wait, true);
    }
  }

  /** How many keys are configured. */
  public int size() {
    return keys.size();
  }

  /** How many keys sit out now. */
  public synchronized int benched() {
    long now = nanoClock.getAsLong();
    int n = 0;
    for (int slot = 0; slot < keys.size(); slot++) {
      if (isBenched(slot, now)) {
        n++;
      }
    }
    return n;
  }

  /** Up with every key available (or none configured), degraded with some benched, down with all. */
  public Health health() {
    int out = benched();
    if (out > 0 && out == keys.size()) {
      return Health.down("every API key is benched");
    }
    if (out > 0) {
      return new Health(Health.Status.DEGRADED, out + " of " + keys.size() + " API keys benched");
    }
    return Health.up();
  }

  private void bench(int slot, long nanos, boolean forRateLimit) {
    benchedUntil[slot] = nanoClock.getAsLong() + nanos;
    benchedForRateLimit[slot] = forRateLimit;
    rateLimitsInARow[slot] = 0;
  }

  private boolean isBenched(int slot, long now) {
    return benchedUntil[slot] - now > 0;
  }
}
