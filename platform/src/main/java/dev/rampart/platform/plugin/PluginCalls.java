package dev.rampart.platform.plugin;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the kernel calls into an extension: with a time limit, a metric and error
 * translation. A call that throws, fails with a foreign exception, or returns null becomes
 * {@link ErrorCode#PLUGIN_FAILED}; one that does not finish in time becomes
 * {@link ErrorCode#PLUGIN_TIMEOUT} (its late result is dropped). {@link RampartException}s pass
 * through unchanged, so plugins choose what clients see.
 */
public final class PluginCalls {

  private static final Logger LOG = LoggerFactory.getLogger(PluginCalls.class);

  private final Vertx vertx;
  private final MeterRegistry meters;

  public PluginCalls(Vertx vertx, MeterRegistry meters) {
    this.vertx = vertx;
    this.meters = meters;
  }

  /**
   * Calls {@code call} on behalf of extension instance {@code instance}.
   *
   * @param instance configured instance name, used in metrics and errors
   * @param operation what is called, e.g. {@code conversations.append}
   * @param timeoutMs time limit
   */
  public <T> Future<T> call(String instance, String operation, long timeoutMs, Supplier<Future<T>> call) {
    long started = System.nanoTime();
    Promise<T> outcome = Promise.promise();
    long timer =
        vertx.setTimer(
            timeoutMs,
            id -> {
              if (outcome.tryFail(new RampartException(ErrorCode.PLUGIN_TIMEOUT,
                  "extension '" + instance + "' did not answer " + operation + " within " + timeoutMs + " ms"))) {
                LOG.warn("extension {} timed out on {} after {} ms", instance, operation, timeoutMs);
              }
            });
    Future<T> result;
    try {
      result = call.get();
      if (result == null) {
        result = Future.failedFuture(new IllegalStateException("extension returned no future"));
      }
    } catch (RuntimeException | LinkageError e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(
        ar -> {
          vertx.cancelTimer(timer);
          if (ar.succeeded()) {
            outcome.tryComplete(ar.result());
          } else {
            outcome.tryFail(translate(instance, operation, ar.cause()));
          }
        });
    return outcome.future().andThen(ar -> record(instance, operation, started, ar.succeeded() ? "ok" : outcomeOf(ar.cause())));
  }

  /**
   * Calls a synchronous, CPU-only extension method (a detector's {@code detect}) on the caller's
   * thread, with the same metric and error translation as {@link #call}: a throw becomes
   * {@link ErrorCode#PLUGIN_FAILED}, a {@link RampartException} passes through. There is no timer:
   * a synchronous call cannot be abandoned, so such calls are bounded by their input's size and
   * by the caller's own deadline (the guard builds it into the text it passes).
   *
   * @throws RampartException when the call throws or returns null
   */
  public <T> T callNow(String instance, String operation, Supplier<T> call) {
    long started = System.nanoTime();
    Throwable failure;
    try {
      T result = call.get();
      if (result != null) {
        record(instance, operation, started, "ok");
        return result;
      }
      failure = new IllegalStateException("extension returned null");
    } catch (RampartException e) {
      record(instance, operation, started, outcomeOf(e));
      throw e;
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      failure = e;
    }
    // the exception's message is not logged: the input of such calls is user text, and messages quote it
    LOG.warn("extension {} failed on {}: {}", instance, operation, failure.getClass().getName());
    Throwable translated = new RampartException(ErrorCode.PLUGIN_FAILED,
        "extension '" + instance + "' failed on " + operation, failure);
    record(instance, operation, started, outcomeOf(translated));
    throw (RampartException) translated;
  }

  private static Throwable translate(String instance, String operation, Throwable cause) {
    if (cause instanceof RampartException) {
      return cause;
    }
    LOG.warn("extension {} failed on {}: {}", instance, operation, PluginRuntime.rootMessage(cause));
    return new RampartException(ErrorCode.PLUGIN_FAILED, "extension '" + instance + "' failed on " + operation, cause);
  }

  private static String outcomeOf(Throwable failure) {
    if (failure instanceof RampartException re) {
      return re.code().code();
    }
    return "error";
  }

  private void record(String instance, String operation, long startedNanos, String outcome) {
    Timer.builder("rampart.plugin.calls")
        .description("Calls into extension instances")
        .tag("extension", instance)
        .tag("operation", operation)
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(meters)
        .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
  }
}
