package dev.rampart.platform.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerState;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's meters. Tags are the provider instance and the model only (bounded by config),
 * never a tenant, a request or a stream id.
 */
final class LlmMetrics {

  private final MeterRegistry meters;

  LlmMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  void latency(String provider, String model, long nanos) {
    Timer.builder("rampart.llm.latency").description("Provider call time, retries included")
        .tag("provider", provider).tag("model", model).register(meters).record(nanos, TimeUnit.NANOSECONDS);
  }

  void timeToFirstToken(String provider, String model, long nanos) {
    Timer.builder("rampart.llm.ttft").description("Time to the first streamed token")
        .tag("provider", provider).tag("model", model).register(meters).record(nanos, TimeUnit.NANOSECONDS);
  }

  void tokens(String provider, String model, long prompt, long completion) {
    counter("rampart.llm.tokens", "Tokens used", provider, model, "direction", "input").increment(prompt);
    counter("rampart.llm.tokens", "Tokens used", provider, model, "direction", "output").increment(completion);
  }

  void cost(String provider, String model, double usd) {
    Counter.builder("rampart.llm.cost").description("Spend in US dollars").baseUnit("usd")
        .tag("provider", provider).tag("model", model).register(meters).increment(usd);
  }

  void error(String provider, String model, String code) {
    counter("rampart.llm.errors", "Failed provider attempts by error code", provider, model, "code", code).increment();
  }

  void retry(String provider, String model) {
    Counter.builder("rampart.llm.retries").description("Retries of a provider call")
        .tag("provider", provider).tag("model", model).register(meters).increment();
  }

  void fallback(String provider, String model) {
    Counter.builder("rampart.llm.fallbacks").description("Calls that left this provider for the next fallback")
        .tag("provider", provider).tag("model", model).register(meters).increment();
  }

  /** A routing decision, by policy and what it chose (tier is policy-defined and bounded). */
  void decision(String router, String provider, String model, String tier) {
    Counter.builder("rampart.llm.route.decisions").description("Routing decisions by policy and choice")
        .tag("router", router).tag("provider", provider).tag("model", model).tag("tier", tier)
        .register(meters).increment();
  }

  /** 0 closed, 1 half-open, 2 open. */
  void breakerState(String provider, CircuitBreaker breaker) {
    Gauge.builder("rampart.llm.breaker.state", breaker, b -> stateValue(b.state()))
        .description("Circuit breaker state: 0 closed, 1 half-open, 2 open")
        .tag("provider", provider).register(meters);
  }

  static int stateValue(CircuitBreakerState state) {
    return switch (state) {
      case CLOSED -> 0;
      case HALF_OPEN -> 1;
      case OPEN -> 2;
    };
  }

  private Counter counter(String name, String description, String provider, String model, String key, String value) {
    return Counter.builder(name).description(description)
        .tag("provider", provider).tag("model", model).tag(key, value).register(meters);
  }
}
