package dev.rampart.contracts.persistence;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * What the kernel asks a store to append.
 *
 * @param id unique id chosen by the kernel
 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param content the text
 * @param metadata JSON object, stored as given
 * @param createdAt append time; also the instant against which expiry is checked
 */
public record NewMessage(String id, String role, String content, JsonObject metadata, Instant createdAt) {}
