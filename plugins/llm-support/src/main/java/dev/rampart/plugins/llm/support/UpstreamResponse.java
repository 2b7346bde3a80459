package dev.rampart.plugins.llm.support;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * An upstream answer, read whole.
 *
 * @param status HTTP status
 * @param headers response headers
 * @param body the body
 */
public record UpstreamResponse(int status, MultiMap headers, Buffer body) {}
