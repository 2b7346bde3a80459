package dev.rampart.plugins.llm.support;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.llm.UpstreamException;
import java.time.Duration;
import java.util.Optional;

/**
 * The mapping from what went wrong upstream to the {@link UpstreamException} the kernel acts on.
 * Details name the status and the upstream's error type only: an upstream message can quote the
 * prompt, and details reach clients and logs.
 */
public final class UpstreamFailures {

  private UpstreamFailures() {}

  /**
   * The failure for a non-2xx answer.
   *
   * @param status the HTTP status
   * @param retryAfter what the headers asked for
   * @param errorType the upstream's error type or code, empty when the body had none
   * @param contextTooLarge whether the body says the prompt exceeds the model's context
   */
  public static UpstreamException forStatus(int status, Optional<Duration> retryAfter, String errorType, boolean contextTooLarge) {
    String detail = "upstream answered " + status + (errorType.isEmpty() ? "" : " (" + errorType + ")");
    if (contextTooLarge) {
      return new UpstreamException(ErrorCode.CONTEXT_TOO_LARGE, detail, status, Optional.empty(), false);
    }
    return switch (status) {
      case 429 -> new UpstreamException(ErrorCode.RATE_LIMITED, detail, status, retryAfter, true);
      // another key, or the same key after the bench, may work: the kernel decides
      case 401, 403 -> new UpstreamException(ErrorCode.UPSTREAM_FAILED, detail + ": API key refused", status, Optional.empty(), true);
      case 404 -> new UpstreamException(ErrorCode.MODEL_NOT_FOUND, detail, status, Optional.empty(), false);
      case 408 -> new UpstreamException(ErrorCode.UPSTREAM_TIMEOUT, detail, status, retryAfter, true);
      case 413 -> new UpstreamException(ErrorCode.CONTEXT_TOO_LARGE, detail, status, Optional.empty(), false);
      case 400, 422 -> new UpstreamException(ErrorCode.VALIDATION_FAILED, detail, status, Optional.empty(), false);
      default -> status >= 500
          ? new UpstreamException(ErrorCode.UPSTREAM_FAILED, detail, status, retryAfter, true)
          : new UpstreamException(ErrorCode.UPSTREAM_FAILED, detail, status, Optional.empty(), false);
    };
  }

  /** The answer was not what the API promises (bad JSON, missing fields). Worth another try. */
  public static UpstreamException malformed(String what) {
    return new UpstreamException(ErrorCode.UPSTREAM_FAILED, "malformed upstream answer: " + what, 200, Optional.empty(), true);
  }

  /** A time limit passed. */
  public static UpstreamException timeout(String which, long ms) {
    return new UpstreamException(ErrorCode.UPSTREAM_TIMEOUT, which + " timeout of " + ms + " ms passed", 0, Optional.empty(), true);
  }

  /** The stream stopped before the upstream said it was complete. */
  public static UpstreamException cut(int status) {
    return new UpstreamException(ErrorCode.UPSTREAM_FAILED, "upstream stream ended before it was complete", status, Optional.empty(), true);
  }

  /** An I/O failure (refused connection, reset, TLS), or the exception itself when it is already one of ours. */
  public static UpstreamException io(Throwable cause, long connectTimeoutMs) {
    if (cause instanceof UpstreamException u) {
      return u;
    }
    if (cause instanceof java.util.concurrent.TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
      return timeout("connect", connectTimeoutMs);
    }
    return new UpstreamException(ErrorCode.UPSTREAM_FAILED, "upstream connection failed: " + cause.getClass().getSimpleName(), 0, Optional.empty(), true);
  }
}
