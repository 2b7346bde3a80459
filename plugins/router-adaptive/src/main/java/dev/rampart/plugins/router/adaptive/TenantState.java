package dev.rampart.plugins.router.adaptive;

import dev.rampart.plugins.router.support.BoundedTable;
import dev.rampart.plugins.router.support.Ewma;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/** What the adaptive policy remembers about one tenant; every part is bounded. */
final class TenantState {

  static final int MAX_MODELS = 256;

  private final String tenantId;
  private final BoundedTable<Ewma> failures = new BoundedTable<>(MAX_MODELS);
  private final AtomicReference<NoveltyWindow> novelty = new AtomicReference<>();
  private final AtomicReference<CanaryTrial> canary = new AtomicReference<>();
  private volatile double failureAlpha = 0.1;
  private volatile int noveltyCapacity;

  TenantState(String tenantId) {
    this.tenantId = tenantId;
  }

  /** The novelty window, new when its configured size changed. */
  NoveltyWindow novelty(int capacity) {
    NoveltyWindow current = novelty.get();
    if (current == null || noveltyCapacity != capacity) {
      NoveltyWindow fresh = new NoveltyWindow(capacity);
      if (novelty.compareAndSet(current, fresh)) {
        noveltyCapacity = capacity;
        return fresh;
      }
      return novelty.get();
    }
    return current;
  }

  /** The trial for these canary settings, new when they changed; empty without a canary. */
  Optional<CanaryTrial> canary(Optional<CanarySettings> settings, Clock clock) {
    CanaryTrial current = canary.get();
    if (settings.isEmpty()) {
      canary.set(null);
      return Optional.empty();
    }
    if (current != null && current.settings().equals(settings.get())) {
      return Optional.of(current);
    }
    CanaryTrial fresh = new CanaryTrial(tenantId, settings.get(), clock);
    return Optional.ofNullable(canary.compareAndSet(current, fresh) ? fresh : canary.get());
  }

  Optional<CanaryTrial> currentCanary() {
    return Optional.ofNullable(canary.get());
  }

  void failureAlpha(double alpha) {
    failureAlpha = alpha;
  }

  /** Recent failure rate of a {@code provider/model}: 0 until something is observed. */
  double failureRate(String label) {
    Ewma rate = failures.peek(label);
    return rate == null ? 0 : rate.value();
  }

  void recordCall(String label, boolean failed) {
    failures.get(label, k -> new Ewma(failureAlpha, 0)).update(failed ? 1 : 0);
  }

  Map<String, Double> failureRates() {
    Map<String, Double> out = new TreeMap<>();
    failures.snapshot().forEach((label, rate) -> out.put(label, rate.value()));
    return out;
  }

  int recentRequests() {
    NoveltyWindow window = novelty.get();
    return window == null ? 0 : window.size();
  }
}
