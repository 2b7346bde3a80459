package dev.rampart.platform.llm;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.llm.LlmProvider;
import dev.rampart.contracts.llm.ModelInfo;
import dev.rampart.platform.plugin.PluginCalls;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model lists of the provider instances, each asked through {@link PluginCalls} and reused for
 * {@code llm.models-cache-ms}, so routing does not ask every provider on every request. A failed
 * answer is not kept.
 */
final class ModelCatalog {

  private record Entry(Future<List<ModelInfo>> models, long atNanos) {}

  private final ProviderDirectory providers;
  private final PluginCalls calls;
  private final long cacheNanos;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  ModelCatalog(ProviderDirectory providers, PluginCalls calls, long cacheMs) {
    this.providers = providers;
    this.calls = calls;
    this.cacheNanos = cacheMs * 1_000_000L;
  }

  /** The models of a running provider instance. */
  Future<List<ModelInfo>> models(String provider) {
    long now = System.nanoTime();
    Entry entry = cache.get(provider);
    if (entry != null && (now - entry.atNanos() < cacheNanos) && !entry.models().failed()) {
      return entry.models();
    }
    ProviderDirectory.Running running = providers.running(provider).orElse(null);
    if (running == null) {
      return Future.failedFuture(new RampartException(ErrorCode.EXTENSION_UNAVAILABLE, "provider '" + provider + "' is not running"));
    }
    LlmProvider llm = running.provider();
    Future<List<ModelInfo>> models = calls.call(provider, "models", running.callTimeoutMs(), llm::models).map(List::copyOf);
    cache.put(provider, new Entry(models, now));
    return models;
  }
}
