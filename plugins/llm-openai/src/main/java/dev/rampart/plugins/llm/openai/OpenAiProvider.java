package dev.rampart.plugins.llm.openai;

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
 * LLM provider type {@code openai-compatible}: the Chat Completions API
 * ({@code POST {base-url}/chat/completions}, {@code GET {base-url}/models}) as OpenAI, vLLM, Ollama
 * and the llama.cpp server speak it. Settings are {@link HttpProviderSettings} plus
 * {@code organization}; {@code base-url} defaults to {@code https://api.openai.com/v1}.
 *
 * <p>One attempt per call; failures are {@link dev.rampart.contracts.llm.UpstreamException}s
 * mapped by {@link UpstreamFailures}. When {@code models} is not configured, {@link #models()}
 * asks the upstream and fills in what it cannot tell (context window 8192 unless the server reports
 * one, as vLLM does, no prices).
 */
@Extension
public final class OpenAiProvider extends HttpLlmProvider {

  /** The extension type configuration refers to. */
  public static final String TYPE = "openai-compatible";

  static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";


  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public JsonObject settingsSchema() {
    return HttpProviderSettings.schema(
        new JsonObject().put("organization", new JsonObject().put("type", "string").put("minLength", 1)),
        new JsonArray());
  }

  @Override
  public Future<Void> start(ExtensionContext context, JsonObject raw) {
    JsonObject s = raw == null ? new JsonObject() : raw;
    connect(context.vertx(), HttpProviderSettings.from(s, DEFAULT_BASE_URL, List.of()),
        new OpenAiDialect(Optional.ofNullable(s.getString("organization"))));
    return Future.succeededFuture();
  }

  @Override
  protected String modelsPath() {
    return "/models";
  }

  @Override
  protected JsonObject listedModel(JsonObject listed) {
    Integer window = listed.getInteger("max_model_len", listed.getInteger("context_length", listed.getInteger("context_window")));
    JsonObject entry = new JsonObject().put("id", listed.getString("id"));
    if (window != null) {
      entry.put("context-window", window);
    }
    return entry.put("supports-json-mode", false);
  }

  @Override
  public Future<ChatResult> complete(ChatRequest request) {
    return upstream().call(HttpMethod.POST, "/chat/completions", Optional.of(OpenAiWire.request(request, false).toBuffer()))
        .map(resp -> OpenAiWire.result(resp.json(), request.model()));
  }

  @Override
  public ChatStream stream(ChatRequest request) {
    return upstream().stream("/chat/completions", OpenAiWire.request(request, true).toBuffer(), new OpenAiStreamDecoder());
  }
}
