package dev.rampart.plugins.llm.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.MultiMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

  private static Optional<Duration> wait(String header, String value) {
    return RetryAfter.from(MultiMap.caseInsensitiveMultiMap().add(header, value), NOW);
  }

  @Test
  void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
    assertEquals(Optional.of(Duration.ofSeconds(20)), wait("Retry-After", "20"));
    assertEquals(Optional.of(Duration.ofSeconds(90)), wait("Retry-After", "Sat, 21 Nov 2026 10:01:30 GMT"));
    assertEquals(Optional.of(Duration.ZERO), wait("Retry-After", "Sat, 21 Nov 2026 09:00:00 GMT"));
    assertEquals(Optional.empty(), wait("Retry-After", "soon"));
  }

  @Test
  void providerSpecificResetHeadersAreUnderstood() {
    assertEquals(Optional.of(Duration.ofMillis(1500)), wait("retry-after-ms", "1500"));
    assertEquals(Optional.of(Duration.ofMillis(6_020)), wait("x-ratelimit-reset-requests", "6s20ms"));
    assertEquals(Optional.of(Duration.ofSeconds(3723)), wait("x-ratelimit-reset-tokens", "1h2m3s"));
    assertEquals(Optional.of(Duration.ofSeconds(30)), wait("X-RateLimit-Reset", String.valueOf(NOW.instant().getEpochSecond() + 30)));
    assertEquals(Optional.of(Duration.ofSeconds(12)), wait("X-RateLimit-Reset", "12"));
    assertEquals(Optional.of(Duration.ofSeconds(5)), wait("anthropic-ratelimit-requests-reset", "2026-11-21T10:00:05Z"));
  }
}
