package dev.rampart.plugins.memory;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.persistence.UsageRecord;
import dev.rampart.contracts.persistence.UsageStore;
import dev.rampart.contracts.persistence.UsageTotal;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The usage ledger held in the heap, lost on restart.
 *
 * <p>Only running totals are kept, per tenant, ordered by (day, provider, model), so a range of
 * days is a sub-map; the ids seen so far make recording idempotent. Costs add up as
 * {@link BigDecimal} of each double's shortest decimal form, so a thousand calls of 0.000123 sum
 * to 0.123 and not to the nearest binary neighbour of every partial sum. One lock, as in
 * {@link MemoryConversationStore}: each call is a few map operations.
 */
final class MemoryUsageStore implements UsageStore {

  private static final Comparator<Group> BY_DAY_PROVIDER_MODEL =
      Comparator.comparing(Group::day).thenComparing(Group::provider).thenComparing(Group::model);

  private final Set<String> recordedIds = new HashSet<>();
  private final Map<String, NavigableMap<Group, Sum>> totalsByTenant = new HashMap<>();

  private record Group(LocalDate day, String provider, String model) {}

  /** Mutable running sums of one group, guarded by the store's lock. */
  private static final class Sum {
    long requests;
    long promptTokens;
    long completionTokens;
    BigDecimal costUsd = BigDecimal.ZERO;
  }

  @Override
  public synchronized Future<Void> record(String tenantId, UsageRecord record) {
    RampartException invalid = problemWith(record);
    if (invalid != null) {
      return Future.failedFuture(invalid);
    }
    if (!recordedIds.add(record.id())) {
      return Future.succeededFuture();
    }
    Group group = new Group(record.at().atOffset(ZoneOffset.UTC).toLocalDate(), record.provider(), record.model());
    Sum sum = totalsByTenant.computeIfAbsent(tenantId, t -> new TreeMap<>(BY_DAY_PROVIDER_MODEL))
        .computeIfAbsent(group, g -> new Sum());
    sum.requests++;
    sum.promptTokens += record.promptTokens();
    sum.completionTokens += record.completionTokens();
    sum.costUsd = sum.costUsd.add(BigDecimal.valueOf(record.costUsd()));
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<List<UsageTotal>> totals(String tenantId, LocalDate from, LocalDate toExclusive) {
    NavigableMap<Group, Sum> tenant = totalsByTenant.get(tenantId);
    if (tenant == null || !from.isBefore(toExclusive)) {
      return Future.succeededFuture(List.of());
    }
    // "" sorts before every provider name, so (day, "", "") is the first key of a day
    List<UsageTotal> totals = tenant.subMap(new Group(from, "", ""), true, new Group(toExclusive, "", ""), false)
        .entrySet().stream()
        .map(e -> new UsageTotal(e.getKey().day(), e.getKey().provider(), e.getKey().model(), e.getValue().requests,
            e.getValue().promptTokens, e.getValue().completionTokens, e.getValue().costUsd.doubleValue()))
        .toList();
    return Future.succeededFuture(totals);
  }

  /** Why the record cannot count, or null; a refused record changes nothing. */
  private static RampartException problemWith(UsageRecord record) {
    if (record.id() == null || record.id().isEmpty() || record.at() == null
        || record.provider() == null || record.model() == null) {
      return invalid("needs an id, a time, a provider and a model");
    }
    if (record.promptTokens() < 0 || record.completionTokens() < 0) {
      return invalid("cannot have negative token counts");
    }
    if (!Double.isFinite(record.costUsd()) || record.costUsd() < 0) {
      return invalid("needs a finite, non-negative cost");
    }
    return null;
  }

  private static RampartException invalid(String detail) {
    return new RampartException(ErrorCode.VALIDATION_FAILED, "a usage record " + detail);
  }
}
