package dev.rampart.platform.llm;

import dev.rampart.contracts.llm.ChatChunk;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Turns a streamed chat into a door's wire events (OpenAI chunks, Rampart chunk/end events). The
 * gateway queues what it returns, so back-pressure applies to the wire events themselves.
 */
public interface StreamEncoder {

  /** The events for one chunk (after the output guard); may be empty. */
  List<JsonObject> chunk(StreamInfo info, ChatChunk chunk);

  /** The events after the last chunk of a stream that completed. */
  List<JsonObject> end(StreamInfo info, StreamSummary summary);

  /**
   * What is known once the stream is open.
   *
   * @param id the chat's id
   * @param created epoch seconds
   * @param model the provider model answering
   * @param routing how it was routed
   */
  record StreamInfo(String id, long created, String model, Routing routing) {}

  /**
   * What is known at the end.
   *
   * @param finishReason why the model stopped
   * @param usage tokens (as the provider reported them, or estimated from the text when it did not)
   * @param costUsd cost
   * @param findings what the guard found
   */
  record StreamSummary(String finishReason, dev.rampart.contracts.llm.Usage usage, double costUsd, List<GuardFinding> findings) {}
}
