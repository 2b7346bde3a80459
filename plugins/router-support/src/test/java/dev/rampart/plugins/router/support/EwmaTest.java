package dev.rampart.plugins.router.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EwmaTest {

  @Test
  void startsUnknownAndTakesTheFirstSampleAsIs() {
    Ewma latency = new Ewma(0.5);
    assertFalse(latency.known());

    latency.update(100);
    latency.update(200);

    assertEquals(150, latency.value(), 1e-9);
  }

  @Test
  void aPriorIsMovedTowardsEachSampleByAlpha() {
    Ewma failures = new Ewma(0.1, 0);

    failures.update(1);
    assertEquals(0.1, failures.value(), 1e-9);
    failures.update(1);
    assertEquals(0.19, failures.value(), 1e-9);
  }

  @Test
  void concurrentUpdatesAreNotLost() throws Exception {
    Ewma average = new Ewma(1e-6, 0);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CompletableFuture.allOf(IntStream.range(0, 4)
          .mapToObj(t -> CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 10_000; i++) {
              average.update(1);
            }
          }, pool))
          .toArray(CompletableFuture[]::new)).get();
    } finally {
      pool.shutdown();
    }
    // 40 000 updates of 1 from 0 with alpha 1e-6: 1 - (1 - 1e-6)^40000
    assertEquals(1 - Math.pow(1 - 1e-6, 40_000), average.value(), 1e-9);
  }
}
