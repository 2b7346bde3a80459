package dev.rampart.platform.llm;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.llm.UpstreamException;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker and the bulkhead of one provider instance, shared by every tenant. The
 * breaker (vertx-circuit-breaker) counts only failures that say the provider is unwell — 5xx,
 * timeouts, plugin failures — not refusals of a bad request; its own timeout and retries are off
 * because the gateway applies time limits and retries itself.
 */
final class ProviderCircuit {

  private static final Logger LOG = LoggerFactory.getLogger(ProviderCircuit.class);

  private final String provider;
  private final CircuitBreaker breaker;
  private final int maxInFlight;
  private final AtomicInteger inFlight = new AtomicInteger();

  ProviderCircuit(Vertx vertx, String provider, Resilience resilience, LlmMetrics metrics) {
    this.provider = provider;
    this.maxInFlight = resilience.maxInFlight();
    Resilience.Breaker b = resilience.breaker();
    this.breaker = CircuitBreaker.create("rampart.llm." + provider, vertx, new CircuitBreakerOptions()
            .setMaxFailures(b.failureThreshold())
            .setFailuresRollingWindow(b.failureWindowMs())
            .setResetTimeout(b.resetTimeoutMs())
            .setTimeout(-1)
            .setMaxRetries(0)
            .setNotificationAddress(null))
        .failurePolicy(f -> f.failed() && unwell(f.cause()));
    breaker.openHandler(v -> LOG.warn("circuit of provider {} opened", provider));
    breaker.halfOpenHandler(v -> LOG.info("circuit of provider {} half-open: one trial call goes through", provider));
    breaker.closeHandler(v -> LOG.info("circuit of provider {} closed", provider));
    metrics.breakerState(provider, breaker);
  }

  CircuitBreakerState state() {
    return breaker.state();
  }

  /**
   * Runs one attempt through the bulkhead and the breaker. Fails fast with
   * {@code UPSTREAM_UNAVAILABLE} when the circuit is open or the bulkhead is full. The bulkhead
   * slot is held until {@code release} completes, so a stream holds it until it ends.
   */
  <T> Future<T> run(Supplier<Future<T>> attempt, Function<T, Future<Void>> release) {
    if (inFlight.incrementAndGet() > maxInFlight) {
      inFlight.decrementAndGet();
      return Future.failedFuture(new UpstreamException(ErrorCode.UPSTREAM_UNAVAILABLE,
          "provider '" + provider + "' has " + maxInFlight + " calls in flight (bulkhead full)", 0, Optional.empty(), true));
    }
    Future<T> result = breaker.<T>execute(attempt).recover(e -> Future.failedFuture(e instanceof OpenCircuitException
        ? new UpstreamException(ErrorCode.UPSTREAM_UNAVAILABLE, "provider '" + provider + "' is unavailable (circuit open)",
            0, Optional.empty(), true)
        : e));
    result.onComplete(ar -> {
      if (ar.failed()) {
        inFlight.decrementAndGet();
      } else {
        release.apply(ar.result()).onComplete(v -> inFlight.decrementAndGet());
      }
    });
    return result;
  }

  /** Whether a failure says the provider is unwell (as opposed to refusing this request). */
  static boolean unwell(Throwable failure) {
    if (failure instanceof UpstreamException up) {
      return up.code() == ErrorCode.UPSTREAM_FAILED || up.code() == ErrorCode.UPSTREAM_TIMEOUT;
    }
    if (failure instanceof RampartException re) {
      return re.code() == ErrorCode.PLUGIN_FAILED || re.code() == ErrorCode.PLUGIN_TIMEOUT
          || re.code() == ErrorCode.UPSTREAM_FAILED || re.code() == ErrorCode.UPSTREAM_TIMEOUT;
    }
    return true;
  }
}
