package dev.rampart.plugins.router.adaptive;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant's canary under one set of settings: which requests it takes, what it has done over
 * a window of recent observations, and whether it has been rolled back. A rollback is final for
 * these settings; changing the tenant's canary settings starts a new trial.
 *
 * <p>Requests are assigned by hashing a request key, so the same key always lands on the same side
 * and the split is reproducible. Observations are recorded under this object's lock: a few array
 * writes, and a sort of at most {@code window} latencies once {@code min-samples} is reached.
 */
final class CanaryTrial {

  private static final Logger LOG = LoggerFactory.getLogger(CanaryTrial.class);

  private final String tenantId;
  private final CanarySettings settings;
  private final Clock clock;
  private final boolean[] failed;
  private final long[] latency;
  private final double[] quality;
  private int next;
  private int size;
  private volatile boolean rolledBack;
  private String reason;
  private Instant rolledBackAt;

  CanaryTrial(String tenantId, CanarySettings settings, Clock clock) {
    this.tenantId = tenantId;
    this.settings = settings;
    this.clock = clock;
    this.failed = new boolean[settings.window()];
    this.latency = new long[settings.window()];
    this.quality = new double[settings.window()];
  }

  CanarySettings settings() {
    return settings;
  }

  /** Whether this trial takes traffic now. */
  boolean active() {
    return !rolledBack && settings.share() > 0;
  }

  /** Whether a request with this key falls in the canary's share. */
  boolean takes(String requestKey) {
    return active() && bucket(tenantId, requestKey) < settings.share();
  }

  /** Whether a decision's {@code provider/model} is this canary's target. */
  boolean targets(String provider, String model) {
    return settings.target().equals(provider + "/" + model) || settings.target().equals(model);
  }

  /**
   * Records one call routed to the canary.
   *
   * @param error whether the canary failed it (also when another model had to answer instead)
   * @param latencyMillis the canary's own latency, or -1 when it did not answer
   * @param qualityScore the canary answer's quality score, or NaN when none is known
   */
  synchronized void record(boolean error, long latencyMillis, double qualityScore) {
    failed[next] = error;
    latency[next] = latencyMillis;
    quality[next] = qualityScore;
    next = (next + 1) % failed.length;
    size = Math.min(size + 1, failed.length);
    if (!rolledBack) {
      judge();
    }
  }

  private void judge() {
    Window w = window();
    int min = settings.minSamples();
    String why = null;
    if (settings.maxErrorRate().isPresent() && w.samples >= min && w.errorRate > settings.maxErrorRate().getAsDouble()) {
      why = String.format(Locale.ROOT, "error rate %.2f > max-error-rate %.2f over the last %d calls",
          w.errorRate, settings.maxErrorRate().getAsDouble(), w.samples);
    } else if (settings.maxP95LatencyMs().isPresent() && w.latencies >= min
        && w.p95.getAsDouble() > settings.maxP95LatencyMs().getAsDouble()) {
      why = String.format(Locale.ROOT, "p95 latency %.0f ms > max-p95-latency-ms %.0f over the last %d answers",
          w.p95.getAsDouble(), settings.maxP95LatencyMs().getAsDouble(), w.latencies);
    } else if (settings.minQuality().isPresent() && w.qualities >= min
        && w.meanQuality.getAsDouble() < settings.minQuality().getAsDouble()) {
      why = String.format(Locale.ROOT, "mean quality %.2f < min-quality %.2f over the last %d scored answers",
          w.meanQuality.getAsDouble(), settings.minQuality().getAsDouble(), w.qualities);
    }
    if (why != null) {
      reason = why;
      rolledBackAt = clock.instant();
      rolledBack = true;
      LOG.warn("Canary {} of tenant {} rolled back: {}", settings.target(), tenantId, why);
    }
  }

  private record Window(int samples, double errorRate, int latencies, OptionalDouble p95, int qualities, OptionalDouble meanQuality) {}

  private Window window() {
    int errors = 0;
    long[] answered = new long[size];
    int latencies = 0;
    double qualitySum = 0;
    int qualities = 0;
    for (int i = 0; i < size; i++) {
      if (failed[i]) {
        errors++;
      }
      if (latency[i] >= 0) {
        answered[latencies++] = latency[i];
      }
      if (!Double.isNaN(quality[i])) {
        qualitySum += quality[i];
        qualities++;
      }
    }
    OptionalDouble p95 = OptionalDouble.empty();
    if (latencies > 0) {
      long[] sorted = Arrays.copyOf(answered, latencies);
      Arrays.sort(sorted);
      // nearest rank: the smallest value with at least 95% of the answers at or below it
      p95 = OptionalDouble.of(sorted[(int) Math.ceil(0.95 * latencies) - 1]);
    }
    return new Window(size, size == 0 ? 0 : errors / (double) size, latencies, p95, qualities,
        qualities == 0 ? OptionalDouble.empty() : OptionalDouble.of(qualitySum / qualities));
  }

  synchronized CanaryStatus status() {
    Window w = window();
    return new CanaryStatus(tenantId, settings.target(), settings.share(), rolledBack ? 0 : settings.share(), rolledBack,
        Optional.ofNullable(reason), Optional.ofNullable(rolledBackAt), w.samples, w.errorRate, w.p95, w.meanQuality);
  }

  synchronized Optional<String> rollbackReason() {
    return Optional.ofNullable(reason);
  }

  /**
   * Where a request key falls in [0, 1): FNV-1a over tenant and key, spread by SplitMix64's
   * finaliser. Stable across runs and nodes, so every node splits traffic the same way.
   */
  static double bucket(String tenantId, String requestKey) {
    long h = 0xcbf29ce484222325L;
    for (byte b : (tenantId + "\n" + requestKey).getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return (MinHash.mix(h) >>> 11) * 0x1.0p-53;
  }
}
