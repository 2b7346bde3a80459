package dev.rampart.platform.api;

import dev.rampart.platform.auth.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * One operation of the API, defined once and served through every door: the HTTP route with
 * this {@code operationId} in the OpenAPI contract, and the event-bus {@code address}.
 *
 * <p>The handler gets one JSON object, the same for both doors: the request body's fields plus
 * the path and query parameters, with parameter names in kebab case ({@code conversationId}
 * becomes {@code conversation-id}). Both doors check it against the contract before the handler
 * runs.
 *
 * @param operationId the contract's operationId
 * @param address the event-bus address
 * @param successStatus HTTP status of a success
 * @param authenticated whether a credential is needed (false only for the token exchange)
 * @param reply the implementation
 * @param streaming the streamed variant, chosen when the request has {@code "stream": true}
 */
public record ApiOperation(
    String operationId, String address, int successStatus, boolean authenticated, ReplyHandler reply,
    Optional<Streaming> streaming) {

  /** An operation whose result is JSON alone, with no streamed variant. */
  public ApiOperation(String operationId, String address, int successStatus, boolean authenticated, Handler handler) {
    this(operationId, address, successStatus, authenticated,
        (caller, request) -> handler.handle(caller, request).map(ApiReply::of), Optional.empty());
  }

  /** The implementation of an operation. */
  @FunctionalInterface
  public interface Handler {
    /**
     * @param caller who is calling; {@code null} only for unauthenticated operations
     * @param request body fields and parameters, already validated against the contract
     */
    Future<JsonObject> handle(Caller caller, JsonObject request);
  }

  /** The implementation of an operation that also sets HTTP response headers. */
  @FunctionalInterface
  public interface ReplyHandler {
    /** As {@link Handler#handle}. */
    Future<ApiReply> handle(Caller caller, JsonObject request);
  }

  /** The implementation of a streamed operation. */
  @FunctionalInterface
  public interface StreamHandler {
    /**
     * Opens the stream. A failed future means nothing was streamed yet, and the doors answer
     * with a problem exactly as for a plain request.
     */
    Future<EventStream> open(Caller caller, JsonObject request);
  }

  /**
   * The streamed variant of an operation.
   *
   * @param address the event-bus address of the streamed variant, if it has one
   * @param handler the implementation
   */
  public record Streaming(Optional<String> address, StreamHandler handler) {}

  /** Whether this request asks for the streamed variant. */
  public boolean streams(JsonObject request) {
    return streaming.isPresent() && Boolean.TRUE.equals(request.getValue("stream"));
  }

  /** Runs the handler, turning a synchronous throw into a failed future. */
  public Future<ApiReply> invokeReply(Caller caller, JsonObject request) {
    try {
      return reply.handle(caller, request);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** The JSON result alone, for doors that send no headers. */
  public Future<JsonObject> invoke(Caller caller, JsonObject request) {
    return invokeReply(caller, request).map(ApiReply::body);
  }

  /** Opens the streamed variant, turning a synchronous throw into a failed future. */
  public Future<EventStream> openStream(Caller caller, JsonObject request) {
    try {
      return streaming.orElseThrow().handler().open(caller, request);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** {@code conversationId} → {@code conversation-id}. */
  public static String kebab(String camel) {
    StringBuilder out = new StringBuilder(camel.length() + 4);
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('-').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
