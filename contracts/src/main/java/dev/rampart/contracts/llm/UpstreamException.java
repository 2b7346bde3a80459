package dev.rampart.contracts.llm;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import java.time.Duration;
import java.util.Optional;

/**
 * How a provider reports an upstream failure, so the kernel can decide to retry, wait, fall back
 * or give up. A provider makes one attempt per call and fails with this; it never retries itself.
 *
 * <p>Codes: {@code RATE_LIMITED} (429; {@link #retryAfter} from {@code Retry-After} or
 * {@code X-RateLimit-Reset} when the upstream sent one), {@code UPSTREAM_FAILED} (5xx, malformed
 * body, cut stream), {@code UPSTREAM_TIMEOUT} (connect, first-token or total limit),
 * {@code CONTEXT_TOO_LARGE}, {@code MODEL_NOT_FOUND}, {@code VALIDATION_FAILED} (the upstream
 * refused the request as invalid: not retryable). The message must not contain API keys or
 * prompt text.
 */
public class UpstreamException extends RampartException {

  private final int upstreamStatus;
  private final Optional<Duration> retryAfter;
  private final boolean retryable;

  /**
   * @param code client-visible code
   * @param detail safe human explanation
   * @param upstreamStatus the upstream HTTP status, 0 when there was none (timeout, I/O error)
   * @param retryAfter how long the upstream asked to wait, if it said
   * @param retryable whether trying again (same or another provider) may succeed
   */
  public UpstreamException(ErrorCode code, String detail, int upstreamStatus, Optional<Duration> retryAfter, boolean retryable) {
    super(code, detail);
    this.upstreamStatus = upstreamStatus;
    this.retryAfter = retryAfter;
    this.retryable = retryable;
  }

  public int upstreamStatus() {
    return upstreamStatus;
  }

  public Optional<Duration> retryAfter() {
    return retryAfter;
  }

  public boolean retryable() {
    return retryable;
  }
}
