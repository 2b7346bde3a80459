package dev.rampart.plugins.llm.openai;

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
 * Bearer keys, the optional {@code OpenAI-Organization} header, and error bodies in the shapes
 * OpenAI ({@code {"error":{"type","code","message"}}}), vLLM (the same, without a code) and Ollama
 * ({@code {"error":"text"}}) send.
 */
final class OpenAiDialect implements UpstreamDialect {

  private final Optional<String> organization;

  OpenAiDialect(Optional<String> organization) {
    this.organization = organization;
  }

  @Override
  public void authorize(MultiMap headers, Optional<ApiKey> key) {
    key.ifPresent(k -> headers.set("Authorization", "Bearer " + k.value()));
    organization.ifPresent(o -> headers.set("OpenAI-Organization", o));
  }

  @Override
  public UpstreamException failure(UpstreamResponse response, Optional<Duration> retryAfter) {
    String type = "";
    String message = "";
    try {
      Object error = new JsonObject(response.body()).getValue("error");
      if (error instanceof JsonObject e) {
        Object code = e.getValue("code");
        type = code instanceof String c ? c : e.getString("type", "");
        message = e.getString("message", "");
      } else if (error instanceof String s) {
        message = s;
      }
    } catch (RuntimeException notJson) {
      // an HTML error page from a proxy: the status alone decides
    }
    String lower = message.toLowerCase(Locale.ROOT);
    boolean contextTooLarge = type.equals("context_length_exceeded")
        || (response.status() == 400 && (lower.contains("maximum context length") || lower.contains("context length")));
    return UpstreamFailures.forStatus(response.status(), retryAfter, type, contextTooLarge);
  }
}
