package dev.rampart.plugins.llm.anthropic;

import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.Health;
import dev.rampart.contracts.llm.ChatRequest;
import dev.rampart.contracts.llm.ChatStream;
import dev.rampart.contracts.llm.ChatResult;
import dev.rampart.contracts.llm.LlmProvider;
import dev.rampart.contracts.llm.ModelInfo;
import dev.rampart.plugins.llm.support.HttpProviderSettings;
import dev.rampart.plugins.llm.support.ModelCatalog;
import dev.rampart.plugins.llm.support.UpstreamClient;
import dev.rampart.plugins.llm.support.UpstreamFailures;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * LLM provider type {@code anthropic}: the Messages API ({@code POST {base-url}/v1/messages},
 * {@code GET {base-url}/v1/models}) with {@code x-api-key} and {@code anthropic-version}
 * headers. Settings are {@link HttpProviderSettings} plus {@code anthropic-version}
 * ({@code 2023-06-01}) and {@code default-max-tokens} (1024, sent when a request has no
 * {@code max-tokens}, since the API requires one); {@code base-url} defaults to
 * {@code https://api.anthropic.com}. {@code response-format} is ignored: the Messages API has no
 * JSON mode, so configured models should say {@code supports-json-mode: false}.
 *
 * <p>One attempt per call; failures are {@link dev.rampart.contracts.llm.UpstreamException}s
 * mapped by {@link UpstreamFailures}.
 */
@Extension
public final class AnthropicProvider implements LlmProvider {

  /** The extension type configuration refers to. */
  public static final String TYPE = "anthropic";

  static final String DEFAULT_BASE_URL = "https://api.anthropic.com";

  private volatile HttpProviderSettings settings;
  private volatile UpstreamClient upstream;
  private volatile int defaultMaxTokens;

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public JsonObject settingsSchema() {
    return HttpProviderSettings.schema(
        new JsonObject()
            .put("anthropic-version", new JsonObject().put("type", "string").put("minLength", 1))
            .put("default-max-tokens", new JsonObject().put("type", "integer").put("minimum", 1)),
        new JsonArray());
  }

  @Override
  public Future<Void> start(ExtensionContext context, JsonObject raw) {
    JsonObject s = raw == null ? new JsonObject() : raw;
    settings = HttpProviderSettings.from(s, DEFAULT_BASE_URL, List.of());
    defaultMaxTokens = s.getInteger("default-max-tokens", 1024);
    upstream = UpstreamClient.of(context.vertx(), settings, new AnthropicDialect(s.getString("anthropic-version", "2023-06-01")));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop() {
    return upstream == null ? Future.succeededFuture() : upstream.close();
  }

  @Override
  public Future<Health> health() {
    return Future.succeededFuture(upstream == null ? Health.down("not started") : upstream.keys().health());
  }

  @Override
  public Future<List<ModelInfo>> models() {
    if (!settings.models().isEmpty()) {
      return Future.succeededFuture(settings.models().all());
    }
    return upstream.call(HttpMethod.GET, "/v1/models", Optional.empty()).map(resp -> {
      JsonArray data = resp.json().getJsonArray("data", new JsonArray());
      List<ModelInfo> models = new ArrayList<>();
      for (int i = 0; i < data.size(); i++) {
        JsonObject m = data.getJsonObject(i);
        // the list names models only: limits and prices come from configuration
        models.add(ModelCatalog.model(new JsonObject().put("id", m.getString("id")).put("context-window", 200_000).put("supports-json-mode", false)));
      }
      return models;
    });
  }

  @Override
  public Future<ChatResult> complete(ChatRequest request) {
    return upstream.call(HttpMethod.POST, "/v1/messages", Optional.of(AnthropicWire.request(request, defaultMaxTokens, false).toBuffer()))
        .map(resp -> AnthropicWire.result(resp.json(), request.model()));
  }

  @Override
  public ChatStream stream(ChatRequest request) {
    return upstream.stream("/v1/messages", AnthropicWire.request(request, defaultMaxTokens, true).toBuffer(), new AnthropicStreamDecoder());
  }
}
