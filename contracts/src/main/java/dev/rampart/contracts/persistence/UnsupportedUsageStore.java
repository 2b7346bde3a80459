package dev.rampart.contracts.persistence;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.List;

/** The ledger of an adapter that has none: every call fails with EXTENSION_UNAVAILABLE. */
final class UnsupportedUsageStore implements UsageStore {

  static final UnsupportedUsageStore INSTANCE = new UnsupportedUsageStore();

  private UnsupportedUsageStore() {}

  @Override
  public Future<Void> record(String tenantId, UsageRecord record) {
    return unsupported();
  }

  @Override
  public Future<List<UsageTotal>> totals(String tenantId, LocalDate from, LocalDate toExclusive) {
    return unsupported();
  }

  private static <T> Future<T> unsupported() {
    return Future.failedFuture(new RampartException(ErrorCode.EXTENSION_UNAVAILABLE, "this persistence adapter keeps no usage ledger"));
  }
}
