package dev.rampart.contracts.persistence;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * What the kernel asks a store to create.
 *
 * @param id unique id chosen by the kernel
 * @param title free text, may be empty
 * @param metadata JSON object, stored as given
 * @param createdAt creation time
 * @param expiresAt expiry time, empty for never
 */
public record NewConversation(
    String id, String title, JsonObject metadata, Instant createdAt, Optional<Instant> expiresAt) {}
