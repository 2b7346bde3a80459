package dev.rampart.plugins.llm.support;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * An upstream answer, read whole.
 *
 * @param status HTTP status
 * @param headers response headers
 * @param body the body
 */
public record UpstreamResponse(int status, MultiMap headers, Buffer body) {

  /** The body as a JSON object; a retryable malformed-answer failure when it is not one. */
  public JsonObject json() {
    try {
      return new JsonObject(body);
    } catch (RuntimeException notAnObject) {
      throw UpstreamFailures.malformed("body is not a JSON object");
    }
  }
}
