package dev.rampart.plugins.llm.support;

import dev.rampart.contracts.Health;
import dev.rampart.contracts.llm.LlmProvider;
import dev.rampart.contracts.llm.ModelInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every provider speaking to an HTTP upstream shares: its {@link HttpProviderSettings} and
 * {@link UpstreamClient}, closing the client on {@code stop}, health from the key pool, and
 * {@code models()} answered from configuration or else from the upstream's listing
 * ({@code {"data": [{"id": ...}, ...]}}). A subclass says where the listing is and what each
 * listed model's settings are, and calls {@link #connect} from its {@code start}.
 */
public abstract class HttpLlmProvider implements LlmProvider {

  private volatile HttpProviderSettings settings;
  private volatile UpstreamClient upstream;

  /** Sets the instance up from {@code settings}, speaking {@code dialect}. */
  protected final void connect(Vertx vertx, HttpProviderSettings settings, UpstreamDialect dialect) {
    this.settings = settings;
    this.upstream = UpstreamClient.of(vertx, settings, dialect);
  }

  /** The client {@link #connect} made (null before). */
  protected final UpstreamClient upstream() {
    return upstream;
  }

  /** Where the upstream lists its models, e.g. {@code /models}. */
  protected abstract String modelsPath();

  /**
   * The model settings ({@link ModelCatalog#model}'s input) for one entry of the upstream's
   * listing: the listing names models, and the provider fills in what it cannot tell.
   */
  protected abstract JsonObject listedModel(JsonObject listed);

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
    return upstream.call(HttpMethod.GET, modelsPath(), Optional.empty()).map(resp -> {
      JsonArray data = resp.json().getJsonArray("data", new JsonArray());
      List<ModelInfo> models = new ArrayList<>();
      for (int i = 0; i < data.size(); i++) {
        models.add(ModelCatalog.model(listedModel(data.getJsonObject(i))));
      }
      return models;
    });
  }
}
