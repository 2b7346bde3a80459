package dev.rampart.contracts.persistence;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.List;

/**
 * The usage ledger: one record per model call, totals per tenant, day (UTC) and model. Budgets
 * are rebuilt from it at start, so it must survive a restart in durable adapters.
 *
 * <p>Threading, errors and timeouts as {@link ConversationStore}. Recording is idempotent by
 * {@link UsageRecord#id()}: recording the same id twice counts it once.
 */
public interface UsageStore {

  /** Stores one call's usage. */
  Future<Void> record(String tenantId, UsageRecord record);

  /**
   * The tenant's totals per day, provider and model for days in {@code [from, toExclusive)},
   * ordered by day, then provider, then model.
   */
  Future<List<UsageTotal>> totals(String tenantId, LocalDate from, LocalDate toExclusive);
}
