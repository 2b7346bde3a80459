package dev.rampart.plugins.router.adaptive;

import java.util.OptionalDouble;

/**
 * A per-tenant canary: a share of auto-routed traffic goes to one target, which is rolled back
 * (share 0) when what it does drifts past its bounds.
 *
 * @param target {@code provider/model} or model id of the model on trial
 * @param share fraction of auto-routed requests it receives, 0..1
 * @param maxErrorRate roll back when the error rate over the window passes this
 * @param maxP95LatencyMs roll back when the 95th percentile latency over the window passes this
 * @param minQuality roll back when the mean quality score over the window drops below this
 * @param minSamples how many observations a bound needs before it is judged
 * @param window how many recent observations the bounds are judged on
 */
record CanarySettings(
    String target,
    double share,
    OptionalDouble maxErrorRate,
    OptionalDouble maxP95LatencyMs,
    OptionalDouble minQuality,
    int minSamples,
    int window) {

  static final int DEFAULT_MIN_SAMPLES = 50;
  static final int DEFAULT_WINDOW = 200;
}
