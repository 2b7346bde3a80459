package dev.rampart.platform.api;

import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A response that is a sequence of JSON events, already in the operation's wire shape: over HTTP
 * each event becomes a Server-Sent Event ({@code data: <json>}), on the event bus an ordered,
 * acknowledged message (see {@code Addresses.CHAT_STREAM}). The doors pause {@link #events} when
 * their client cannot keep up, so back-pressure reaches the producer.
 *
 * @param start what the bus door replies to the request once the stream is open (e.g. routing)
 * @param headers HTTP response headers, sent with the response head
 * @param events the events; a normal end ends the stream, an exception ends it with {@link #errorEvent}
 * @param errorEvent the last event for a failure after the stream started
 * @param doneMarker a final SSE data line after a normal end (OpenAI's {@code [DONE]}), if any
 * @param cancel called when the client goes away before the end, to stop the producer
 */
public record EventStream(
    JsonObject start,
    Map<String, String> headers,
    ReadStream<JsonObject> events,
    Function<Throwable, JsonObject> errorEvent,
    Optional<String> doneMarker,
    Runnable cancel) {

  public EventStream {
    headers = Map.copyOf(headers);
  }
}
