package dev.rampart.platform.llm;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.llm.ChatRequest;
import dev.rampart.contracts.llm.ChatResult;
import dev.rampart.contracts.llm.UpstreamException;
import dev.rampart.platform.plugin.PluginCalls;
import dev.rampart.platform.ratelimit.Limiter;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Provider calls with resilience: for each target of the plan's chain, attempts through the
 * provider's bulkhead and circuit breaker, with time limits, retried with backoff while the
 * failure is retryable, then the next target (fallback) while the failure may be another
 * provider's success. Every call into a provider goes through {@link PluginCalls}.
 */
final class ProviderCalls {

  /** A complete answer and the target that gave it. */
  record Completed(ChatPlan.Target target, ChatResult result) {}

  /** A stream that produced its first token, and its target. */
  record Opened(ChatPlan.Target target, ChatFlow flow) {}

  private final Vertx vertx;
  private final PluginCalls calls;
  private final ProviderDirectory directory;
  private final GatewaySettings settings;
  private final LlmMetrics metrics;
  private final Limiter limiter;
  private final Map<String, ProviderCircuit> circuits = new ConcurrentHashMap<>();

  ProviderCalls(Vertx vertx, PluginCalls calls, ProviderDirectory directory, GatewaySettings settings, LlmMetrics metrics,
      Limiter limiter) {
    this.limiter = limiter;
    this.vertx = vertx;
    this.calls = calls;
    this.directory = directory;
    this.settings = settings;
    this.metrics = metrics;
  }

  /** The provider's breaker state; closed for a provider not called yet. */
  CircuitBreakerState state(String provider) {
    ProviderCircuit c = circuits.get(provider);
    return c == null ? CircuitBreakerState.CLOSED : c.state();
  }

  ProviderCircuit circuit(String provider) {
    return circuits.computeIfAbsent(provider, p -> new ProviderCircuit(vertx, p, settings.forProvider(p), metrics));
  }

  Future<Completed> complete(ChatPlan plan) {
    return chain(plan, 0, target -> attempts(plan, target, 0, (req, running, res) ->
        calls.call(target.provider(), "complete", res.timeouts().totalMs(), () -> running.provider().complete(req))
            .recover(e -> Future.failedFuture(timeout(e, "the provider did not answer within " + res.timeouts().totalMs() + " ms")))
            .map(r -> new Completed(target, r)), c -> Future.succeededFuture()));
  }

  Future<Opened> open(ChatPlan plan) {
    return chain(plan, 0, target -> attempts(plan, target, 0, (req, running, res) -> {
      ChatFlow[] flow = {null};
      return calls.<ChatFlow>call(target.provider(), "stream", res.timeouts().firstTokenMs(), () -> {
            dev.rampart.contracts.llm.ChatStream upstream = running.provider().stream(req);
            if (upstream == null) {
              return Future.failedFuture(new IllegalStateException("provider returned no stream"));
            }
            flow[0] = new ChatFlow(vertx, upstream, target.model(), plan.promptTokens, plan.reservation.costUsd(),
                plan.reservation.tokens(), (usd, tokens) -> limiter.extend(plan.reservation, plan.limits, usd, tokens),
                res.timeouts().totalMs());
            return flow[0].firstToken().map(flow[0]);
          })
          .recover(e -> {
            Throwable why = timeout(e, "no first token within " + res.timeouts().firstTokenMs() + " ms");
            if (flow[0] != null) {
              flow[0].abandon(why);
            }
            return Future.failedFuture(why);
          })
          .map(f -> new Opened(target, f));
    }, opened -> opened.flow().settled().mapEmpty()));
  }

  /** One attempt's work, given the provider request, the running provider and the resilience settings. */
  @FunctionalInterface
  private interface Attempt<T> {
    Future<T> run(ChatRequest request, ProviderDirectory.Running running, Resilience resilience);
  }

  private <T> Future<T> chain(ChatPlan plan, int index, java.util.function.Function<ChatPlan.Target, Future<T>> call) {
    ChatPlan.Target target = plan.chain.get(index);
    return call.apply(target).recover(e -> {
      plan.tried.add(new Routing.Tried(target.provider(), target.model().id(), code(e)));
      if (index + 1 < plan.chain.size() && fallsBack(e)) {
        metrics.fallback(target.provider(), target.model().id());
        return chain(plan, index + 1, call);
      }
      return Future.failedFuture(exhausted(plan, e));
    });
  }

  private <T> Future<T> attempts(ChatPlan plan, ChatPlan.Target target, int attempt, Attempt<T> work,
      java.util.function.Function<T, Future<Void>> held) {
    Resilience res = settings.forCall(target.provider(), plan.llm);
    Optional<ProviderDirectory.Running> running = directory.running(target.provider());
    if (running.isEmpty()) {
      return Future.failedFuture(new RampartException(ErrorCode.UPSTREAM_UNAVAILABLE,
          "provider '" + target.provider() + "' is not running"));
    }
    ChatRequest request = new ChatRequest(target.model().id(), plan.messages, plan.call.tools(),
        plan.call.options().copy().put("timeouts", res.timeouts().toJson()));
    plan.attempts++;
    long started = System.nanoTime();
    return circuit(target.provider()).run(() -> work.run(request, running.get(), res), held)
        .andThen(ar -> plan.providerNanos += System.nanoTime() - started)
        .recover(e -> {
          metrics.error(target.provider(), target.model().id(), code(e));
          OptionalLong wait = retryable(e) && attempt + 1 < res.retry().maxAttempts()
              ? Backoff.delayMs(res.retry(), attempt, retryAfter(e))
              : OptionalLong.empty();
          if (wait.isEmpty()) {
            return Future.failedFuture(e);
          }
          metrics.retry(target.provider(), target.model().id());
          return after(wait.getAsLong()).compose(v -> attempts(plan, target, attempt + 1, work, held));
        });
  }

  private Future<Void> after(long ms) {
    Promise<Void> waited = Promise.promise();
    vertx.setTimer(Math.max(1, ms), id -> waited.complete());
    return waited.future();
  }

  /** A provider call's own time limit surfaces as PLUGIN_TIMEOUT; to the client it is the upstream's. */
  private static Throwable timeout(Throwable e, String detail) {
    if (e instanceof RampartException re && re.code() == ErrorCode.PLUGIN_TIMEOUT) {
      return new UpstreamException(ErrorCode.UPSTREAM_TIMEOUT, detail, 0, Optional.empty(), true);
    }
    return e;
  }

  /** Same provider again: throttling, 5xx, timeouts; not an open circuit, a full bulkhead or a refusal. */
  static boolean retryable(Throwable e) {
    if (e instanceof UpstreamException up) {
      return up.retryable() && up.code() != ErrorCode.UPSTREAM_UNAVAILABLE;
    }
    if (e instanceof RampartException re) {
      return re.code() == ErrorCode.PLUGIN_FAILED || re.code() == ErrorCode.UPSTREAM_FAILED
          || re.code() == ErrorCode.UPSTREAM_TIMEOUT || re.code() == ErrorCode.RATE_LIMITED;
    }
    return false;
  }

  /** Another provider may succeed: anything but a request that is wrong everywhere. */
  static boolean fallsBack(Throwable e) {
    if (!(e instanceof RampartException re)) {
      return true;
    }
    return switch (re.code()) {
      case VALIDATION_FAILED, MALFORMED_JSON, GUARD_BLOCKED, TEXT_TOO_LARGE, BUDGET_EXCEEDED -> false;
      default -> true;
    };
  }

  private static Optional<Duration> retryAfter(Throwable e) {
    return e instanceof UpstreamException up ? up.retryAfter() : Optional.empty();
  }

  static String code(Throwable e) {
    return e instanceof RampartException re ? re.code().code() : ErrorCode.PLUGIN_FAILED.code();
  }

  /** The failure after the whole chain: which targets were tried and why each was left. */
  private static Throwable exhausted(ChatPlan plan, Throwable last) {
    if (plan.tried.size() <= 1) {
      return last instanceof RampartException ? last
          : new RampartException(ErrorCode.UPSTREAM_FAILED, "the provider failed");
    }
    boolean allUnavailable = plan.tried.stream().allMatch(t -> t.code().equals(ErrorCode.UPSTREAM_UNAVAILABLE.code()));
    ErrorCode code = allUnavailable ? ErrorCode.UPSTREAM_UNAVAILABLE
        : last instanceof RampartException re && re.code() != ErrorCode.UPSTREAM_UNAVAILABLE ? re.code() : ErrorCode.UPSTREAM_FAILED;
    StringBuilder detail = new StringBuilder("every provider in the fallback chain failed:");
    plan.tried.forEach(t -> detail.append(' ').append(t.provider()).append('/').append(t.model()).append(" (").append(t.code()).append(')'));
    return new RampartException(code, detail.toString());
  }
}
