package dev.rampart.plugins.llm.offline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides which calls fail on purpose. Counter-based (SplitMix64 of seed and call number), so
 * the n-th call of an instance fails or not depending only on the seed and the rate: tests can
 * rely on it, and two instances with the same seed fail on the same calls.
 */
final class FailureDice {

  private final long seed;
  private final double rate;
  private final AtomicLong calls = new AtomicLong();

  FailureDice(long seed, double rate) {
    this.seed = seed;
    this.rate = rate;
  }

  /** Whether the next call fails. Every call rolls, so the sequence does not depend on the rate. */
  boolean nextFails() {
    double roll = unit(seed, calls.getAndIncrement());
    return roll < rate;
  }

  /** A number in [0, 1) from the seed and the call number. */
  static double unit(long seed, long n) {
    long z = seed + (n + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }
}
