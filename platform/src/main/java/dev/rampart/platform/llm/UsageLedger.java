package dev.rampart.platform.llm;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.persistence.UsageRecord;
import dev.rampart.contracts.persistence.UsageStore;
import dev.rampart.contracts.persistence.UsageTotal;
import dev.rampart.platform.plugin.PluginCalls;
import dev.rampart.platform.ratelimit.Limiter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistence adapter's usage ledger, called through {@link PluginCalls}, and the seeding of
 * each tenant's budget counters from it: before a tenant's first chat after a start, its spend of
 * today and this month is read back, so budgets survive a restart. An adapter without a ledger
 * ({@code EXTENSION_UNAVAILABLE}) is reported once and budgets start empty.
 */
final class UsageLedger {

  private static final Logger LOG = LoggerFactory.getLogger(UsageLedger.class);
  private static final String INSTANCE = "persistence";

  private final UsageStore store;
  private final PluginCalls calls;
  private final long timeoutMs;
  private final Limiter limiter;
  private final Clock clock;
  private final Map<String, Future<Void>> seeded = new ConcurrentHashMap<>();
  private volatile boolean reportedMissing;

  UsageLedger(UsageStore store, PluginCalls calls, long timeoutMs, Limiter limiter, Clock clock) {
    this.store = store;
    this.calls = calls;
    this.timeoutMs = timeoutMs;
    this.limiter = limiter;
    this.clock = clock;
  }

  LocalDate today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }

  /** Records a call's usage; a failure is logged, never returned: the answer was already given. */
  Future<Void> record(String tenantId, UsageRecord record) {
    return calls.call(INSTANCE, "usage.record", timeoutMs, () -> store.record(tenantId, record))
        .recover(e -> {
          if (!missing(e)) {
            LOG.warn("usage of tenant {} not recorded: {}", tenantId, e.getMessage());
          }
          return Future.succeededFuture();
        });
  }

  Future<List<UsageTotal>> totals(String tenantId, LocalDate from, LocalDate toExclusive) {
    return calls.call(INSTANCE, "usage.totals", timeoutMs, () -> store.totals(tenantId, from, toExclusive));
  }

  /** Completes once the tenant's budget counters are seeded (at most one read per tenant per start). */
  Future<Void> seed(String tenantId) {
    // claim the tenant first, read outside the map: the read may complete synchronously (a store
    // that fails at once), and a map must not be changed from inside its own computeIfAbsent
    Promise<Void> claim = Promise.promise();
    Future<Void> earlier = seeded.putIfAbsent(tenantId, claim.future());
    if (earlier != null) {
      return earlier;
    }
    LocalDate today = today();
    Future<List<UsageTotal>> read;
    try {
      read = totals(tenantId, today.withDayOfMonth(1), today.plusDays(1));
    } catch (RuntimeException e) {
      read = Future.failedFuture(e);
    }
    read.compose(totals -> {
      double day = 0;
      double month = 0;
      for (UsageTotal t : totals) {
        month += t.costUsd();
        if (t.day().equals(today)) {
          day += t.costUsd();
        }
      }
      return limiter.seed(tenantId, today, day, month);
    }).onComplete(ar -> {
      if (ar.failed() && !missing(ar.cause())) {
        LOG.warn("budgets of tenant {} not read from the usage ledger, will retry: {}", tenantId, ar.cause().getMessage());
        seeded.remove(tenantId, claim.future());
      }
      claim.complete();
    });
    return claim.future();
  }

  private boolean missing(Throwable e) {
    if (e instanceof RampartException re && re.code() == ErrorCode.EXTENSION_UNAVAILABLE) {
      if (!reportedMissing) {
        reportedMissing = true;
        LOG.warn("the persistence adapter keeps no usage ledger: usage is not stored and budgets restart empty");
      }
      return true;
    }
    return false;
  }
}
