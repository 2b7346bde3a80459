package dev.rampart.platform.ratelimit;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import dev.rampart.platform.http.Problem;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;

/**
 * A limit refused the request: {@link ErrorCode#RATE_LIMITED} (rate, concurrency, tokens per
 * minute) or {@link ErrorCode#BUDGET_EXCEEDED}. The problem document carries what remains and,
 * when known, when to retry ({@code retry-after-seconds}, also sent as {@code Retry-After}).
 */
public final class LimitExceeded extends RampartException implements Problem.Members {

  private final String limit;
  private final Remaining remaining;
  private final Optional<Duration> retryAfter;

  /**
   * @param limit which limit, e.g. {@code tokens-per-minute}
   * @param remaining what the tenant may still use
   * @param retryAfter when a retry may succeed, if that can be known
   */
  public LimitExceeded(ErrorCode code, String detail, String limit, Remaining remaining, Optional<Duration> retryAfter) {
    super(code, detail);
    this.limit = limit;
    this.remaining = remaining;
    this.retryAfter = retryAfter;
  }

  public String limit() {
    return limit;
  }

  public Remaining remaining() {
    return remaining;
  }

  public Optional<Duration> retryAfter() {
    return retryAfter;
  }

  @Override
  public JsonObject problemMembers() {
    JsonObject members = new JsonObject().put("limit", limit).put("remaining", remaining.toJson());
    retryAfter.ifPresent(d -> members.put("retry-after-seconds", Math.max(1, (d.toMillis() + 999) / 1000)));
    return members;
  }
}
