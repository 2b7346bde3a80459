package dev.rampart.platform.guard;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %ex} with {@link LogRedaction} applied: exception messages carry values too
 * ({@code "no such user bob@example.com"}). Registered in {@code logback.xml} for {@code ex},
 * {@code exception} and {@code throwable}; as a throwable converter it also stops Logback from
 * appending its own, unredacted one.
 */
public class RedactingThrowableConverter extends ThrowableProxyConverter {

  @Override
  public String convert(ILoggingEvent event) {
    String trace = super.convert(event);
    return trace.isEmpty() ? trace : LogRedaction.redact(trace);
  }
}
