package dev.rampart.platform.api;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The result of an operation: the JSON both doors return, plus response headers that only the
 * HTTP door sends (e.g. {@code Server-Timing}).
 *
 * @param body the JSON result
 * @param headers HTTP response headers
 */
public record ApiReply(JsonObject body, Map<String, String> headers) {

  public ApiReply {
    headers = Map.copyOf(headers);
  }

  public static ApiReply of(JsonObject body) {
    return new ApiReply(body, Map.of());
  }
}
