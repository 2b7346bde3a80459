package dev.rampart.contracts.persistence;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * A stored conversation.
 *
 * @param id globally unique id chosen by the kernel
 * @param tenantId owning tenant
 * @param title free text, may be empty
 * @param metadata caller-supplied JSON object, stored as given
 * @param createdAt creation time
 * @param updatedAt time of the last append (or creation)
 * @param expiresAt when the conversation stops existing; empty means never
 * @param messageCount how many messages it holds
 */
public record Conversation(
    String id,
    String tenantId,
    String title,
    JsonObject metadata,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> expiresAt,
    long messageCount) {}
