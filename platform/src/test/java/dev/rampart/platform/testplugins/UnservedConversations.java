package dev.rampart.platform.testplugins;

import dev.rampart.contracts.persistence.Conversation;
import dev.rampart.contracts.persistence.ConversationStore;
import dev.rampart.contracts.persistence.Message;
import dev.rampart.contracts.persistence.NewConversation;
import dev.rampart.contracts.persistence.NewMessage;
import dev.rampart.contracts.persistence.Page;
import dev.rampart.contracts.persistence.PageRequest;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;

/**
 * A conversation store that serves no conversations: every tenant's call gets the answer of
 * {@link #unserved()}, while the kernel's periodic purge is told that nothing expired, so that the
 * sweep stays quiet in tests about something else.
 */
public abstract class UnservedConversations implements ConversationStore {

  /** The answer to every call but {@link #purgeExpired}: a failure, a future that never ends, … */
  protected abstract <T> Future<T> unserved();

  @Override
  public Future<Conversation> create(String tenantId, NewConversation conversation) {
    return unserved();
  }

  @Override
  public Future<Optional<Conversation>> get(String tenantId, String conversationId, Instant now) {
    return unserved();
  }

  @Override
  public Future<Page<Conversation>> list(String tenantId, PageRequest page, Instant now) {
    return unserved();
  }

  @Override
  public Future<Boolean> delete(String tenantId, String conversationId) {
    return unserved();
  }

  @Override
  public Future<Message> append(String tenantId, String conversationId, NewMessage message) {
    return unserved();
  }

  @Override
  public Future<Page<Message>> messages(String tenantId, String conversationId, PageRequest page, Instant now) {
    return unserved();
  }

  @Override
  public Future<Integer> purgeExpired(Instant now) {
    return Future.succeededFuture(0);
  }
}
