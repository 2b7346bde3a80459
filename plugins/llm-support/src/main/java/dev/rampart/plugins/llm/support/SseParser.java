package dev.rampart.plugins.llm.support;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Incremental parser of a {@code text/event-stream} body (the WHATWG rules the providers use):
 * lines end with LF, CR LF or CR; {@code data:} lines accumulate, {@code event:} names the event,
 * lines starting with {@code :} are comments (keep-alives), a blank line dispatches. Buffers may
 * split a line anywhere, even inside a UTF-8 character: lines are decoded only once complete.
 *
 * <p>Not thread-safe; feed it from one context. Lines longer than {@code maxLineBytes} fail the
 * parse with {@link IllegalStateException}, so a broken upstream cannot grow memory without bound.
 */
public final class SseParser {

  private final Handler<SseEvent> onEvent;
  private final int maxLineBytes;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private final StringBuilder data = new StringBuilder();
  private String event;
  private boolean hasData;
  private boolean lastWasCr;

  /**
   * @param onEvent receives each dispatched event
   * @param maxLineBytes the longest line accepted
   */
  public SseParser(Handler<SseEvent> onEvent, int maxLineBytes) {
    this.onEvent = onEvent;
    this.maxLineBytes = maxLineBytes;
  }

  /** Parses the next piece of the body. */
  public void feed(Buffer buffer) {
    for (int i = 0; i < buffer.length(); i++) {
      byte b = buffer.getByte(i);
      if (b == '\n') {
        if (!lastWasCr) {
          endLine();
        }
        lastWasCr = false;
      } else if (b == '\r') {
        endLine();
        lastWasCr = true;
      } else {
        lastWasCr = false;
        if (line.size() >= maxLineBytes) {
          throw new IllegalStateException("event-stream line longer than " + maxLineBytes + " bytes");
        }
        line.write(b);
      }
    }
  }

  /** Whether a partial line or an undispatched event is pending (the body ended mid-event). */
  public boolean hasPartialEvent() {
    return line.size() > 0 || hasData;
  }

  private void endLine() {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (text.isEmpty()) {
      dispatch();
      return;
    }
    if (text.charAt(0) == ':') {
      return;
    }
    int colon = text.indexOf(':');
    String field = colon < 0 ? text : text.substring(0, colon);
    String value = colon < 0 ? "" : text.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "data" -> {
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
      }
      case "event" -> event = value;
      default -> { } // id, retry: nothing a model stream needs
    }
  }

  private void dispatch() {
    if (hasData) {
      SseEvent e = new SseEvent(event == null || event.isEmpty() ? "message" : event, data.toString());
      data.setLength(0);
      hasData = false;
      event = null;
      onEvent.handle(e);
    } else {
      event = null;
    }
  }
}
