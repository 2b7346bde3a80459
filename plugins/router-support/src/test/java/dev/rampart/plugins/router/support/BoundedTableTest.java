package dev.rampart.plugins.router.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class BoundedTableTest {

  @Test
  void dropsTheOldestKeyBeyondItsCapacity() {
    BoundedTable<String> table = new BoundedTable<>(2);
    table.get("a", k -> "A");
    table.get("b", k -> "B");
    table.get("c", k -> "C");

    assertEquals(2, table.size());
    assertNull(table.peek("a"));
    assertEquals("C", table.peek("c"));
  }

  @Test
  void returnsTheSameValueForAnExistingKey() {
    BoundedTable<Object> table = new BoundedTable<>(4);
    Object first = table.get("a", k -> new Object());

    assertSame(first, table.get("a", k -> new Object()));
  }
}
