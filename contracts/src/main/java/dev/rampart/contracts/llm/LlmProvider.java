package dev.rampart.contracts.llm;

import dev.rampart.contracts.Extension;
import io.vertx.core.Future;
import java.util.List;

/**
 * A model backend (offline deterministic, OpenAI-compatible HTTP, Anthropic, ...).
 *
 * <p>Threading, errors and timeouts follow {@link Extension}. Upstream throttling fails with
 * {@link dev.rampart.contracts.ErrorCode#RATE_LIMITED}; the kernel owns retries, circuit breaking
 * and fallbacks, so a provider makes one attempt per call.
 */
public interface LlmProvider extends Extension {

  /** The models this instance serves, with their limits and prices. */
  Future<List<ModelInfo>> models();

  /** One complete answer. */
  Future<ChatResult> complete(ChatRequest request);

  /**
   * The answer as a stream of chunks; the last chunk carries the finish reason and usage. A
   * failure after the first chunk ends the stream with an exception, never with a silent end.
   * The stream honours {@code pause()}/{@code fetch()} back-pressure. The kernel
   * {@link ChatStream#cancel() cancels} a stream it stops reading (client gone, budget spent,
   * answer blocked, time limit): the provider then releases the upstream call at once.
   */
  ChatStream stream(ChatRequest request);
}
