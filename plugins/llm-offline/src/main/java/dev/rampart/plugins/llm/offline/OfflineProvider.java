package dev.rampart.plugins.llm.offline;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.Health;
import dev.rampart.contracts.llm.ChatChunk;
import dev.rampart.contracts.llm.ChatRequest;
import dev.rampart.contracts.llm.ChatStream;
import dev.rampart.contracts.llm.ChatResult;
import dev.rampart.contracts.llm.LlmProvider;
import dev.rampart.contracts.llm.ModelInfo;
import dev.rampart.contracts.llm.UpstreamException;
import dev.rampart.plugins.llm.support.ChunkStream;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * LLM provider type {@code offline}: answers without a network, derived from the request (see
 * {@link OfflineAnswer}), so the same request always gets the same answer. Usage is counted by
 * {@link TokenEstimate}. Latency, stream pacing and failures can be injected (see
 * {@link OfflineSettings}); injected failures depend only on the seed and the call number.
 */
@Extension
public final class OfflineProvider implements LlmProvider {

  /** The extension type configuration refers to. */
  public static final String TYPE = "offline";

  private volatile Vertx vertx;
  private volatile OfflineSettings settings;
  private volatile FailureDice dice;

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public JsonObject settingsSchema() {
    return OfflineSettings.schema();
  }

  @Override
  public Future<Void> start(ExtensionContext context, JsonObject settings) {
    this.vertx = context.vertx();
    this.settings = OfflineSettings.from(settings == null ? new JsonObject() : settings);
    this.dice = new FailureDice(this.settings.seed(), this.settings.failureRate());
    return Future.succeededFuture();
  }

  @Override
  public Future<Health> health() {
    return Future.succeededFuture(settings == null ? Health.down("not started") : Health.up());
  }

  @Override
  public Future<List<ModelInfo>> models() {
    return Future.succeededFuture(settings.models().all());
  }

  @Override
  public Future<ChatResult> complete(ChatRequest request) {
    OfflineAnswer answer;
    try {
      answer = answer(request);
    } catch (UpstreamException refused) {
      return Future.failedFuture(refused);
    }
    Optional<UpstreamException> injected = injectedFailure();
    ChatResult result = new ChatResult(request.model(), answer.message(), answer.finishReason(), answer.usage());
    long delay = settings.latencyMs() + pacingMs(answer.usage().completionTokens());
    if (delay <= 0) {
      return injected.isPresent() ? Future.failedFuture(injected.get()) : Future.succeededFuture(result);
    }
    Promise<ChatResult> promise = Promise.promise();
    vertx.setTimer(delay, t -> {
      if (injected.isPresent()) {
        promise.fail(injected.get());
      } else {
        promise.complete(result);
      }
    });
    return promise.future();
  }

  @Override
  public ChatStream stream(ChatRequest request) {
    OfflineAnswer answer;
    Optional<UpstreamException> failFirst;
    List<ChatChunk> chunks;
    try {
      answer = answer(request);
      chunks = answer.chunks();
      failFirst = injectedFailure();
    } catch (UpstreamException refused) {
      chunks = List.of();
      failFirst = Optional.of(refused);
    }
    PacedSource source = new PacedSource(vertx, chunks, failFirst, settings.failAfterChunks(), settings.latencyMs(), settings.tokensPerSecond());
    // high water 1: an offline answer costs nothing to hold back, so produce only what is read
    return new ChunkStream(vertx.getOrCreateContext(), source, 1);
  }

  private OfflineAnswer answer(ChatRequest request) {
    ModelInfo model = settings.models().find(request.model())
        .orElseThrow(() -> new UpstreamException(ErrorCode.MODEL_NOT_FOUND, "offline provider has no model '" + request.model() + "'",
            404, Optional.empty(), false));
    OfflineAnswer answer = OfflineAnswer.to(request, model, settings.seed());
    if (answer.usage().promptTokens() > model.contextWindow()) {
      throw new UpstreamException(ErrorCode.CONTEXT_TOO_LARGE,
          "prompt of " + answer.usage().promptTokens() + " tokens exceeds the context window of " + model.contextWindow(),
          400, Optional.empty(), false);
    }
    return answer;
  }

  private Optional<UpstreamException> injectedFailure() {
    return dice.nextFails()
        ? Optional.of(new UpstreamException(ErrorCode.UPSTREAM_FAILED, "offline provider failed on purpose (failure-rate)", 500, Optional.empty(), true))
        : Optional.empty();
  }

  private long pacingMs(long tokens) {
    return settings.tokensPerSecond() > 0 ? Math.round(tokens * 1000 / settings.tokensPerSecond()) : 0;
  }
}
