package dev.rampart.platform.bus;

import dev.rampart.contracts.bus.Addresses;
import dev.rampart.platform.api.EventStream;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * Sends an {@link EventStream}'s events to the caller's address in order, each as a request the
 * caller acknowledges. At most {@link Addresses#STREAM_WINDOW} may be unacknowledged: beyond that
 * the producer is paused, which is how a slow bus consumer slows the upstream down. A lost or
 * refused acknowledgement cancels the stream.
 */
final class BusStreamSender {

  private static final long ACK_TIMEOUT_MS = 30_000;

  private final Vertx vertx;
  private final String to;
  private final DeliveryOptions options;
  private final EventStream stream;
  private int unacknowledged;
  private boolean paused;
  private boolean finished;

  BusStreamSender(Vertx vertx, String to, String streamId, EventStream stream) {
    this.vertx = vertx;
    this.to = to;
    this.options = new DeliveryOptions().addHeader(Addresses.STREAM_ID_HEADER, streamId).setSendTimeout(ACK_TIMEOUT_MS);
    this.stream = stream;
  }

  void start() {
    stream.events().exceptionHandler(e -> {
      if (!finished) {
        finished = true;
        send(stream.errorEvent().apply(e));
      }
    });
    stream.events().endHandler(v -> finished = true);
    stream.events().handler(event -> {
      if (!finished) {
        send(event);
      }
    });
  }

  private void send(JsonObject event) {
    unacknowledged++;
    if (unacknowledged >= Addresses.STREAM_WINDOW && !paused && !finished) {
      paused = true;
      stream.events().pause();
    }
    vertx.eventBus().request(to, event, options).onComplete(ar -> {
      unacknowledged--;
      if (ar.failed()) {
        if (!finished) {
          finished = true;
          stream.cancel().run();
        }
        return;
      }
      if (paused && unacknowledged < Addresses.STREAM_WINDOW) {
        paused = false;
        stream.events().resume();
      }
    });
  }
}
