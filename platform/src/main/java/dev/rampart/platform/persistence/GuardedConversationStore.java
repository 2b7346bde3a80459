package dev.rampart.platform.persistence;

import dev.rampart.contracts.persistence.Conversation;
import dev.rampart.contracts.persistence.ConversationStore;
import dev.rampart.contracts.persistence.Message;
import dev.rampart.contracts.persistence.NewConversation;
import dev.rampart.contracts.persistence.NewMessage;
import dev.rampart.contracts.persistence.Page;
import dev.rampart.contracts.persistence.PageRequest;
import dev.rampart.platform.plugin.PluginCalls;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** The bound persistence plugin's store, every call made through {@link PluginCalls}. */
public final class GuardedConversationStore implements ConversationStore {

  private final ConversationStore delegate;
  private final PluginCalls calls;
  private final String instance;
  private final long timeoutMs;

  public GuardedConversationStore(ConversationStore delegate, PluginCalls calls, String instance, long timeoutMs) {
    this.delegate = delegate;
    this.calls = calls;
    this.instance = instance;
    this.timeoutMs = timeoutMs;
  }

  private <T> Future<T> call(String operation, Supplier<Future<T>> call) {
    return calls.call(instance, "conversations." + operation, timeoutMs, call);
  }

  @Override
  public Future<Conversation> create(String tenantId, NewConversation conversation) {
    return call("create", () -> delegate.create(tenantId, conversation));
  }

  @Override
  public Future<Optional<Conversation>> get(String tenantId, String conversationId, Instant now) {
    return call("get", () -> delegate.get(tenantId, conversationId, now));
  }

  @Override
  public Future<Page<Conversation>> list(String tenantId, PageRequest page, Instant now) {
    return call("list", () -> delegate.list(tenantId, page, now));
  }

  @Override
  public Future<Boolean> delete(String tenantId, String conversationId) {
    return call("delete", () -> delegate.delete(tenantId, conversationId));
  }

  @Override
  public Future<Message> append(String tenantId, String conversationId, NewMessage message) {
    return call("append", () -> delegate.append(tenantId, conversationId, message));
  }

  @Override
  public Future<Page<Message>> messages(String tenantId, String conversationId, PageRequest page, Instant now) {
    return call("messages", () -> delegate.messages(tenantId, conversationId, page, now));
  }

  @Override
  public Future<Integer> purgeExpired(Instant now) {
    return call("purge-expired", () -> delegate.purgeExpired(now));
  }
}
