package dev.rampart.plugins.llm.anthropic;

import dev.rampart.contracts.llm.UpstreamException;
import dev.rampart.plugins.llm.support.ApiKey;
import dev.rampart.plugins.llm.support.UpstreamDialect;
import dev.rampart.plugins.llm.support.UpstreamFailures;
import dev.rampart.plugins.llm.support.UpstreamResponse;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code x-api-key} and {@code anthropic-version} headers, and error bodies
 * ({@code {"type":"error","error":{"type","message"}}}). 529 ({@code overloaded_error}) is a
 * retryable upstream failure like any 5xx; "prompt is too long" is a context overflow.
 */
final class AnthropicDialect implements UpstreamDialect {

  private final String version;

  AnthropicDialect(String version) {
    this.version = version;
  }

  @Override
  public void authorize(MultiMap headers, Optional<ApiKey> key) {
    key.ifPresent(k -> headers.set("x-api-key", k.value()));
    headers.set("anthropic-version", version);
  }

  @Override
  public UpstreamException failure(UpstreamResponse response, Optional<Duration> retryAfter) {
    String type = "";
    String message = "";
    try {
      JsonObject error = new JsonObject(response.body()).getJsonObject("error");
      if (error != null) {
        type = error.getString("type", "");
        message = error.getString("message", "");
      }
    } catch (RuntimeException notJson) {
      // a proxy's error page: the status alone decides
    }
    String lower = message.toLowerCase(Locale.ROOT);
    boolean contextTooLarge = response.status() == 400 && (lower.contains("prompt is too long") || lower.contains("context window"));
    return UpstreamFailures.forStatus(response.status(), retryAfter, type, contextTooLarge);
  }
}
