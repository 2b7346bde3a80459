package dev.rampart.platform.llm;

import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;

/**
 * A streamed chat that has produced its first token.
 *
 * @param events the door's wire events, ending normally or with the failure that broke the stream
 * @param info what is streaming (id, model, routing)
 * @param timing time to the first token, split between Rampart and the provider
 * @param cancel stops the stream when the client goes away
 */
public record ChatStream(ReadStream<JsonObject> events, StreamEncoder.StreamInfo info, Timing timing, Runnable cancel) {}
