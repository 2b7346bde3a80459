package dev.rampart.plugins.router.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * A concurrent map with a size cap: when a new key would pass it, the oldest key is dropped. Used
 * for per-tenant and per-model state so that a stream of new names cannot grow memory without
 * bound. Lookups of existing keys take no lock; eviction order is insertion order, which is enough
 * here because keys come from configuration and rarely churn.
 *
 * @param <V> the value type
 */
public final class BoundedTable<V> {

  private final int capacity;
  private final ConcurrentHashMap<String, V> entries = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();

  /** A table that keeps at most {@code capacity} keys. */
  public BoundedTable(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
  }

  /** The value for {@code key}, created by {@code create} when absent. */
  public V get(String key, Function<String, V> create) {
    V existing = entries.get(key);
    if (existing != null) {
      return existing;
    }
    boolean[] created = new boolean[1];
    V value = entries.computeIfAbsent(key, k -> {
      created[0] = true;
      return create.apply(k);
    });
    if (created[0]) {
      order.add(key);
      evictBeyondCapacity();
    }
    return value;
  }

  /** The value for {@code key}, or null. */
  public V peek(String key) {
    return entries.get(key);
  }

  /** Replaces the value for an existing or new key (counted against the cap like {@link #get}). */
  public void put(String key, V value) {
    if (entries.put(key, value) == null) {
      order.add(key);
      evictBeyondCapacity();
    }
  }

  private void evictBeyondCapacity() {
    while (entries.size() > capacity) {
      String oldest = order.poll();
      if (oldest == null) {
        return;
      }
      entries.remove(oldest);
    }
  }

  /** A snapshot of the current entries, for state views. */
  public Map<String, V> snapshot() {
    return Map.copyOf(entries);
  }

  /** The number of keys held. */
  public int size() {
    return entries.size();
  }
}
