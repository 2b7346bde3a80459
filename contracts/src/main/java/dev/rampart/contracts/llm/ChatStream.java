package dev.rampart.contracts.llm;

import io.vertx.core.streams.ReadStream;

/**
 * A provider's streamed answer ({@link LlmProvider#stream}) that the reader can give up.
 *
 * <p>The kernel cancels a stream it will not read to the end: the client went away, the tenant's
 * budget ran out, the output guard blocked the answer, a fallback won, or the kernel's own time
 * limit passed. Pausing is not enough there: a paused upstream connection stays open (and may
 * keep generating, and billing) until the provider's own time limit.
 */
public interface ChatStream extends ReadStream<ChatChunk> {

  /**
   * Stops producing and releases what the stream holds upstream (for an HTTP provider: resets
   * the request, closing its connection; for a local one: stops its timers).
   *
   * <p>Idempotent, and harmless after the stream has ended or failed. It may be called from any
   * thread and returns at once, without blocking. After it, the stream calls none of its handlers
   * again: chunks not yet delivered are dropped, and neither the end handler nor the exception
   * handler is required to run (an implementation calls none of them).
   */
  void cancel();
}
