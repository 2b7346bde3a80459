package dev.rampart.contracts.persistence;

import java.util.Optional;

/**
 * Which page to read.
 *
 * @param cursor a {@link Page#nextCursor()} from an earlier page, or empty for the first page
 * @param limit maximum items, 1 to {@link #MAX_LIMIT}
 */
public record PageRequest(Optional<String> cursor, int limit) {

  /** The largest page any store must serve. */
  public static final int MAX_LIMIT = 200;

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
    }
  }

  public static PageRequest first(int limit) {
    return new PageRequest(Optional.empty(), limit);
  }
}
