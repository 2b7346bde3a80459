package dev.rampart.plugins.router.support;

import java.util.concurrent.atomic.AtomicLong;

/**
 * An exponentially weighted moving average, safe to update from several event loops at once
 * without a lock: the value is a double kept in an {@link AtomicLong} and updated by compare and
 * set. {@code alpha} is the weight of each new sample (0.2 forgets a sample's influence by half in
 * about three samples).
 */
public final class Ewma {

  private final double alpha;
  private final AtomicLong bits;

  /** An average that starts unknown: the first sample becomes its value. */
  public Ewma(double alpha) {
    this(alpha, Double.NaN);
  }

  /** An average that starts at {@code prior}, e.g. 0 for a failure rate. */
  public Ewma(double alpha, double prior) {
    if (!(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
    }
    this.alpha = alpha;
    this.bits = new AtomicLong(Double.doubleToRawLongBits(prior));
  }

  /** Adds a sample; returns the new average. */
  public double update(double sample) {
    while (true) {
      long old = bits.get();
      double current = Double.longBitsToDouble(old);
      double next = Double.isNaN(current) ? sample : current + alpha * (sample - current);
      if (bits.compareAndSet(old, Double.doubleToRawLongBits(next))) {
        return next;
      }
    }
  }

  /** The current average; NaN while unknown. */
  public double value() {
    return Double.longBitsToDouble(bits.get());
  }

  /** Whether at least one sample (or a prior) has set a value. */
  public boolean known() {
    return !Double.isNaN(value());
  }
}
