package dev.rampart.platform.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.persistence.UsageRecord;
import dev.rampart.contracts.persistence.UsageStore;
import dev.rampart.contracts.persistence.UsageTotal;
import dev.rampart.platform.plugin.PluginCalls;
import dev.rampart.platform.ratelimit.LocalLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Seeding budgets from the ledger survives a store that fails at once, and retries later. */
class UsageLedgerTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aLedgerThatFailsSynchronouslyIsRetriedOnTheNextRequest() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    UsageStore failingOnce = new UsageStore() {
      @Override
      public Future<Void> record(String tenantId, UsageRecord record) {
        return Future.succeededFuture();
      }

      @Override
      public Future<List<UsageTotal>> totals(String tenantId, LocalDate from, LocalDate toExclusive) {
        return reads.incrementAndGet() == 1
            ? Future.failedFuture(new RampartException(ErrorCode.STORAGE_UNAVAILABLE, "disk gone"))
            : Future.succeededFuture(List.of(new UsageTotal(from, "p", "m", 1, 1, 1, 0.25)));
      }
    };
    UsageLedger ledger = new UsageLedger(failingOnce, new PluginCalls(vertx, new SimpleMeterRegistry()), 1000,
        new LocalLimiter(), Clock.systemUTC());
    // the first seed completes (requests are served) even though the read failed synchronously
    ledger.seed("acme").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    ledger.seed("acme").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(2, reads.get(), "the failed read is retried on the next request");
    ledger.seed("acme").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(2, reads.get(), "a successful seed is not read again");
  }
}
