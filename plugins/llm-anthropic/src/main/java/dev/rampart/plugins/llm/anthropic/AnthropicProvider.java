package dev.rampart.plugins.llm.anthropic;

import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.llm.ChatRequest;
import dev.rampart.contracts.llm.ChatResult;
import dev.rampart.contracts.llm.ChatStream;
import dev.rampart.plugins.llm.support.HttpLlmProvider;
import dev.rampart.plugins.llm.support.HttpProviderSettings;
import dev.rampart.plugins.llm.support.UpstreamFailures;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
public final class AnthropicProvider extends HttpLlmProvider {

  /** The extension type configuration refers to. */
  public static final String TYPE = "anthropic";

  static final String DEFAULT_BASE_URL = "https://api.anthropic.com";

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
    defaultMaxTokens = s.getInteger("default-max-tokens", 1024);
    connect(context.vertx(), HttpProviderSettings.from(s, DEFAULT_BASE_URL, List.of()),
        new AnthropicDialect(s.getString("anthropic-version", "2023-06-01")));
    return Future.succeededFuture();
  }

  @Override
  protected String modelsPath() {
    return "/v1/models";
  }

  @Override
  protected JsonObject listedModel(JsonObject listed) {
    // the list names models only: limits and prices come from configuration
    return new JsonObject().put("id", listed.getString("id")).put("context-window", 200_000).put("supports-json-mode", false);
  }

  @Override
  public Future<ChatResult> complete(ChatRequest request) {
    return upstream().call(HttpMethod.POST, "/v1/messages", Optional.of(AnthropicWire.request(request, defaultMaxTokens, false).toBuffer()))
        .map(resp -> AnthropicWire.result(resp.json(), request.model()));
  }

  @Override
  public ChatStream stream(ChatRequest request) {
    return upstream().stream("/v1/messages", AnthropicWire.request(request, defaultMaxTokens, true).toBuffer(), new AnthropicStreamDecoder());
  }
}
