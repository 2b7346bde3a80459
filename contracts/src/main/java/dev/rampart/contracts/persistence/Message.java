package dev.rampart.contracts.persistence;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A stored message.
 *
 * @param id unique id chosen by the kernel
 * @param conversationId the conversation it belongs to
 * @param seq position in the conversation, starting at 1, assigned by the store
 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param content the text, as stored (after the tenant's storage guard policy)
 * @param metadata caller-supplied JSON object
 * @param createdAt append time
 */
public record Message(
    String id,
    String conversationId,
    long seq,
    String role,
    String content,
    JsonObject metadata,
    Instant createdAt) {}
