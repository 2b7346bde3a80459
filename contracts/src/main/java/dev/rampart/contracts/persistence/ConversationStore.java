package dev.rampart.contracts.persistence;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;

/**
 * Conversations and their messages, scoped by tenant.
 *
 * <p><b>Ids and time.</b> The kernel chooses conversation and message ids and timestamps and
 * passes them in; the store assigns each message its position ({@link Message#seq()}, 1, 2, 3, ...
 * within its conversation, with no gaps and no duplicates even under concurrent appends).
 *
 * <p><b>Expiry.</b> A conversation whose {@link Conversation#expiresAt()} is at or before the
 * {@code now} passed to a call is treated as absent by every method that takes a time, before
 * {@link #purgeExpired} physically removes it. {@link #delete} takes no time: it removes the
 * conversation whether or not it has expired.
 *
 * <p><b>Pagination.</b> Cursors are opaque strings the store produces; a cursor the store did not
 * produce fails the call with {@link dev.rampart.contracts.ErrorCode#INVALID_CURSOR}.
 *
 * <p><b>Errors.</b> Unknown or other tenant's ids: {@code NOT_FOUND} (never a hint that the id
 * exists elsewhere); an id that already exists: {@code CONFLICT}; I/O failures:
 * {@code STORAGE_UNAVAILABLE}, with nothing written.
 */
public interface ConversationStore {

  /** Stores a new conversation. Fails with {@code CONFLICT} if the id exists for any tenant. */
  Future<Conversation> create(String tenantId, NewConversation conversation);

  /** The conversation, or empty when unknown, expired at {@code now}, or another tenant's. */
  Future<Optional<Conversation>> get(String tenantId, String conversationId, Instant now);

  /** The tenant's live conversations, newest first ({@code createdAt} then id, descending). */
  Future<Page<Conversation>> list(String tenantId, PageRequest page, Instant now);

  /** Deletes the conversation and its messages; true if it existed for this tenant, expired or not. */
  Future<Boolean> delete(String tenantId, String conversationId);

  /**
   * Appends a message at the next position and updates the conversation's {@code updatedAt}.
   * Fails with {@code NOT_FOUND} if the conversation is unknown or expired at
   * {@link NewMessage#createdAt()}.
   */
  Future<Message> append(String tenantId, String conversationId, NewMessage message);

  /**
   * The conversation's messages in order of {@link Message#seq()}. Fails with {@code NOT_FOUND}
   * if the conversation is unknown or expired at {@code now}.
   */
  Future<Page<Message>> messages(String tenantId, String conversationId, PageRequest page, Instant now);

  /** Removes every conversation (any tenant) expired at {@code now}; returns how many. */
  Future<Integer> purgeExpired(Instant now);
}
