package dev.rampart.platform.api;

import dev.rampart.platform.auth.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

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
 * @param handler the implementation
 */
public record ApiOperation(
    String operationId, String address, int successStatus, boolean authenticated, Handler handler) {

  /** The implementation of an operation. */
  @FunctionalInterface
  public interface Handler {
    /**
     * @param caller who is calling; {@code null} only for unauthenticated operations
     * @param request body fields and parameters, already validated against the contract
     */
    Future<JsonObject> handle(Caller caller, JsonObject request);
  }

  /** Runs the handler, turning a synchronous throw into a failed future. */
  public Future<JsonObject> invoke(Caller caller, JsonObject request) {
    try {
      return handler.handle(caller, request);
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
