package dev.rampart.plugins.llm.support;

/**
 * Turns one provider's server-sent events into chunks. One instance per stream (it may keep
 * state, such as a finish reason that arrives before the usage).
 */
public interface SseDecoder {

  /**
   * Handles one event: push chunks into {@code sink}, {@link ChunkStream#end()} it when the
   * upstream says the answer is complete, or {@link ChunkStream#fail} it. Throwing (for instance
   * {@link io.vertx.core.json.DecodeException} on bad JSON) fails the stream as a malformed answer.
   */
  void onEvent(SseEvent event, ChunkStream sink);
}
