package dev.rampart.plugins.router.adaptive;

/**
 * The MinHash signatures of a tenant's most recent requests, in a ring of fixed size. Novelty of a
 * request is 1 minus its highest estimated similarity to any of them: 1 for text unlike anything
 * recent, 0 for a repeat.
 */
final class NoveltyWindow {

  private final long[][] ring;
  private int next;
  private int size;

  NoveltyWindow(int capacity) {
    this.ring = new long[capacity][];
  }

  /** The novelty of a signature against the window, which then remembers it. */
  synchronized double noveltyThenRemember(long[] signature) {
    if (signature == null) {
      return 0;
    }
    double best = 0;
    for (int i = 0; i < size; i++) {
      best = Math.max(best, MinHash.similarity(signature, ring[i]));
    }
    ring[next] = signature;
    next = (next + 1) % ring.length;
    size = Math.min(size + 1, ring.length);
    return 1 - best;
  }

  synchronized int size() {
    return size;
  }
}
