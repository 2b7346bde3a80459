package dev.rampart.platform.guard;

import dev.rampart.platform.guard.TextGuard.Direction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The guard's meters: {@code rampart.guard.findings} (entity-type, detector, action, direction),
 * {@code rampart.guard.blocks} (reason: entity, injection, text-too-large, detector-failed,
 * detector-timeout, detector-unavailable; direction) and the {@code rampart.guard.scan} timer
 * (direction, outcome). Tags never carry text or values.
 */
final class GuardMetrics {

  private final MeterRegistry meters;

  GuardMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  void finding(String entityType, String detector, String action, Direction direction) {
    Counter.builder("rampart.guard.findings")
        .description("Entities found by the guard, by type, detector and the action taken")
        .tag("entity-type", entityType)
        .tag("detector", detector)
        .tag("action", action)
        .tag("direction", GuardPolicy.wire(direction))
        .register(meters)
        .increment();
  }

  void block(String reason, Direction direction) {
    Counter.builder("rampart.guard.blocks")
        .description("Texts the guard refused, by reason")
        .tag("reason", reason)
        .tag("direction", GuardPolicy.wire(direction))
        .register(meters)
        .increment();
  }

  void scan(Direction direction, long startedNanos, String outcome) {
    Timer.builder("rampart.guard.scan")
        .description("Time to guard one text (all detectors, policy, rewriting)")
        .tag("direction", GuardPolicy.wire(direction))
        .tag("outcome", outcome)
        .register(meters)
        .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
  }
}
