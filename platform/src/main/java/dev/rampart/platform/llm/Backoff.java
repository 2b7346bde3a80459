package dev.rampart.platform.llm;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter (the wait before attempt n+1 is uniformly random in
 * {@code [0, min(max, base * 2^n)]}), which spreads the retries of many clients instead of
 * synchronising them; but never shorter than the upstream's own Retry-After.
 */
final class Backoff {

  private Backoff() {}

  /**
   * @param attempt the attempt that just failed, 0 for the first
   * @param retryAfter what the upstream asked for, if anything
   * @return the wait in milliseconds, or empty when the upstream asked for longer than
   *     {@code max-retry-after-ms} (then the next fallback is better than waiting)
   */
  static OptionalLong delayMs(Resilience.Retry retry, int attempt, Optional<Duration> retryAfter) {
    long ceiling = Math.min(retry.maxDelayMs(), retry.baseDelayMs() << Math.min(attempt, 30));
    long jittered = ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
    if (retryAfter.isPresent()) {
      long asked = retryAfter.get().toMillis();
      if (asked > retry.maxRetryAfterMs()) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(Math.max(jittered, asked));
    }
    return OptionalLong.of(jittered);
  }
}
