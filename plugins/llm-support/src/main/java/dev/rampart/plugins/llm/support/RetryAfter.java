package dev.rampart.plugins.llm.support;

import io.vertx.core.MultiMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long an upstream asked us to wait, read from the headers providers send with a 429 or 503,
 * in this order: {@code retry-after-ms}; {@code Retry-After} (delta seconds or an HTTP date);
 * OpenAI's {@code x-ratelimit-reset-requests} / {@code x-ratelimit-reset-tokens} (durations such as
 * {@code 1s}, {@code 6m0s}, {@code 20ms}); {@code X-RateLimit-Reset} (epoch seconds when the number
 * is that large, delta seconds otherwise); Anthropic's {@code anthropic-ratelimit-*-reset}
 * (RFC 3339). A wait in the past becomes zero; an unreadable header is skipped.
 */
public final class RetryAfter {

  private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");
  private static final long EPOCH_THRESHOLD = 1_000_000_000L;

  private RetryAfter() {}

  /** The wait the headers ask for, if any header says. */
  public static Optional<Duration> from(MultiMap headers, Clock clock) {
    Optional<Duration> wait = millis(headers.get("retry-after-ms"));
    if (wait.isEmpty()) {
      wait = retryAfter(headers.get("retry-after"), clock);
    }
    if (wait.isEmpty()) {
      wait = goDuration(headers.get("x-ratelimit-reset-requests"));
    }
    if (wait.isEmpty()) {
      wait = goDuration(headers.get("x-ratelimit-reset-tokens"));
    }
    if (wait.isEmpty()) {
      wait = resetNumber(headers.get("x-ratelimit-reset"), clock);
    }
    if (wait.isEmpty()) {
      wait = instant(headers.get("anthropic-ratelimit-requests-reset"), clock);
    }
    if (wait.isEmpty()) {
      wait = instant(headers.get("anthropic-ratelimit-tokens-reset"), clock);
    }
    return wait;
  }

  /** {@code Retry-After}: delta seconds or an RFC 1123 date. */
  static Optional<Duration> retryAfter(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    try {
      return Optional.of(nonNegative(Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000)))); 
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Optional.of(nonNegative(Duration.between(clock.instant(), at)));
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  private static Optional<Duration> millis(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(nonNegative(Duration.ofMillis(Math.round(Double.parseDouble(value.trim())))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Go-style durations as OpenAI sends them: {@code 1s}, {@code 6m0s}, {@code 1h2m3.5s}, {@code 20ms}. */
  static Optional<Duration> goDuration(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    Matcher m = GO_DURATION.matcher(value.trim());
    double millis = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        return Optional.empty();
      }
      double n = Double.parseDouble(m.group(1));
      millis += switch (m.group(2)) {
        case "h" -> n * 3_600_000;
        case "m" -> n * 60_000;
        case "s" -> n * 1000;
        default -> n;
      };
      end = m.end();
    }
    if (end == 0 || end != value.trim().length()) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(Math.round(millis)));
  }

  private static Optional<Duration> resetNumber(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      double n = Double.parseDouble(value.trim());
      if (n >= EPOCH_THRESHOLD) {
        return Optional.of(nonNegative(Duration.between(clock.instant(), Instant.ofEpochMilli(Math.round(n * 1000)))));
      }
      return Optional.of(nonNegative(Duration.ofMillis(Math.round(n * 1000))));
    } catch (NumberFormatException e) {
      return goDuration(value);
    }
  }

  private static Optional<Duration> instant(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(nonNegative(Duration.between(clock.instant(), OffsetDateTime.parse(value.trim()).toInstant())));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
