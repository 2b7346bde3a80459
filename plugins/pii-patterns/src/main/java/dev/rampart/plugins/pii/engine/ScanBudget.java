package dev.rampart.plugins.pii.engine;

/**
 * A cap on the work one scan may do, counted in abstract steps (roughly: characters visited plus
 * a fixed charge per candidate validated). Every scanner is linear by construction; the budget is
 * the backstop that keeps a bug or a pathological input from turning a scan into a stall. Once
 * spent, scanners stop and the scan reports itself as truncated. One per call; not thread-safe.
 */
public final class ScanBudget {

  private final long limit;
  private long used;

  public ScanBudget(long limit) {
    this.limit = limit;
  }

  /** Records {@code steps} of work; false once the budget is spent. */
  public boolean charge(long steps) {
    used += steps;
    return used <= limit;
  }

  public boolean exhausted() {
    return used > limit;
  }

  public long used() {
    return used;
  }

  public long limit() {
    return limit;
  }
}
