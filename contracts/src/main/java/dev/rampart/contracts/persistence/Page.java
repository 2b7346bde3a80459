package dev.rampart.contracts.persistence;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing.
 *
 * @param items the items, in the listing's order
 * @param nextCursor where the next page starts; empty when this is the last page
 * @param <T> item type
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

  public Page {
    items = List.copyOf(items);
  }
}
