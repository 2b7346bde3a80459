package dev.rampart.platform.http;

import dev.rampart.platform.api.EventStream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes an {@link EventStream} as {@code text/event-stream}: one {@code data:} line per event.
 * When the connection's write queue is full the producer is paused until it drains, so a slow
 * client slows the upstream instead of filling memory. A failure after the head was sent becomes
 * the stream's error event and the response ends; a client that goes away cancels the producer.
 */
final class ServerSentEvents {

  private static final Buffer SEPARATOR = Buffer.buffer("\n\n");

  private ServerSentEvents() {}

  static void send(RoutingContext rc, EventStream stream) {
    HttpServerResponse response = rc.response();
    if (response.ended() || response.closed()) {
      stream.cancel().run();
      return;
    }
    response.setStatusCode(200).setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    stream.headers().forEach(response::putHeader);
    boolean[] finished = {false};
    response.closeHandler(v -> {
      if (!finished[0]) {
        finished[0] = true;
        stream.cancel().run();
      }
    });
    stream.events().exceptionHandler(e -> {
      if (!finished[0]) {
        finished[0] = true;
        write(response, stream.errorEvent().apply(e).encode());
        response.end();
      }
    });
    stream.events().endHandler(v -> {
      if (!finished[0]) {
        finished[0] = true;
        stream.doneMarker().ifPresent(marker -> write(response, marker));
        response.end();
      }
    });
    stream.events().handler(event -> {
      if (finished[0]) {
        return;
      }
      write(response, event.encode());
      if (response.writeQueueFull()) {
        stream.events().pause();
        response.drainHandler(d -> stream.events().resume());
      }
    });
    // the head goes out now, so clients see the stream open before the next token arrives
    if (!response.headWritten()) {
      response.writeHead();
    }
  }

  private static void write(HttpServerResponse response, String data) {
    response.write(Buffer.buffer(data.length() + 8).appendString("data: ").appendString(data).appendBuffer(SEPARATOR));
  }
}
