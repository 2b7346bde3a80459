package dev.rampart.platform.guard;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %msg} with {@link LogRedaction} applied: registered in {@code logback.xml} as
 * the converter of {@code msg}, {@code m} and {@code message}, so no detected entity or secret
 * reaches a log file, whichever logger wrote it.
 */
public class RedactingMessageConverter extends MessageConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return LogRedaction.redact(super.convert(event));
  }
}
