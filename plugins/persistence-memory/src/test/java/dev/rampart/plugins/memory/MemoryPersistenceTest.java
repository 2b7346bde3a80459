package dev.rampart.plugins.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.persistence.Conversation;
import dev.rampart.contracts.persistence.NewConversation;
import dev.rampart.contracts.persistence.UsageRecord;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the in-memory store promises beyond the TCK. */
class MemoryPersistenceTest {

  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final LocalDate DAY0 = LocalDate.of(2030, 1, 1);

  @Test
  void declaresTypeMemoryAndRefusesUnknownSettings() {
    MemoryPersistence persistence = new MemoryPersistence();

    assertEquals("memory", persistence.type());
    assertEquals(false, persistence.settingsSchema().getBoolean("additionalProperties"));
  }

  @Test
  void callersCannotChangeStoredMetadataThroughTheirOwnObjects() {
    MemoryConversationStore store = new MemoryConversationStore();
    JsonObject given = new JsonObject().put("k", "v");
    Conversation created = store.create("t", new NewConversation("c-1", "", given, T0, Optional.empty())).result();

    given.put("k", "changed by caller");
    created.metadata().put("k", "changed through result");

    assertEquals(new JsonObject().put("k", "v"), store.get("t", "c-1", T0).result().orElseThrow().metadata());
  }

  @Test
  void costIsSummedAsDecimalSoSmallCallsOnALargeTotalAreNotRoundedAway() {
    MemoryUsageStore usage = new MemoryUsageStore();
    usage.record("t", record("big", 1_000_000.0));
    for (int i = 0; i < 1000; i++) {
      usage.record("t", record("small-" + i, 0.000123));
    }

    double total = usage.totals("t", DAY0, DAY0.plusDays(1)).result().get(0).costUsd();

    assertEquals(1_000_000.123, total, 1e-9);
  }

  @Test
  void invalidUsageRecordsFailWithValidationFailedAndCountNothing() {
    MemoryUsageStore usage = new MemoryUsageStore();
    List<UsageRecord> invalid = List.of(
        record("u-nan", Double.NaN),
        record("u-infinite", Double.POSITIVE_INFINITY),
        record("u-negative", -0.01),
        new UsageRecord("u-tokens", T0, "offline", "echo", 0, -1, 0.1),
        new UsageRecord("", T0, "offline", "echo", 1, 1, 0.1));

    for (UsageRecord record : invalid) {
      RampartException error = assertInstanceOf(RampartException.class, usage.record("t", record).cause(), record.id());
      assertEquals(ErrorCode.VALIDATION_FAILED, error.code(), record.id());
    }
    assertEquals(List.of(), usage.totals("t", DAY0, DAY0.plusDays(1)).result());
  }

  private static UsageRecord record(String id, double costUsd) {
    return new UsageRecord(id, T0.plusSeconds(60), "offline", "echo", 10, 5, costUsd);
  }
}
