package dev.rampart.platform.testplugins;

import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.Health;
import dev.rampart.contracts.persistence.Conversation;
import dev.rampart.contracts.persistence.ConversationStore;
import dev.rampart.contracts.persistence.Message;
import dev.rampart.contracts.persistence.NewConversation;
import dev.rampart.contracts.persistence.NewMessage;
import dev.rampart.contracts.persistence.Page;
import dev.rampart.contracts.persistence.PageRequest;
import dev.rampart.contracts.persistence.PersistenceAdapter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/** A persistence adapter whose store calls never complete, and one whose calls throw. */

public class HangingStore implements PersistenceAdapter, ConversationStore {

  private boolean throwing;

  @Override
  public String type() {
    return "hanging-store";
  }

  @Override
  public Future<Void> start(ExtensionContext context, JsonObject settings) {
    throwing = settings.getBoolean("throw", false);
    return Future.succeededFuture();
  }

  @Override
  public Future<Health> health() {
    return Future.succeededFuture(Health.up());
  }

  @Override
  public ConversationStore conversations() {
    return this;
  }

  private <T> Future<T> never() {
    if (throwing) {
      throw new IllegalStateException("store exploded with secret sk-live-123");
    }
    return Promise.<T>promise().future();
  }

  @Override
  public Future<Conversation> create(String tenantId, NewConversation conversation) {
    return never();
  }

  @Override
  public Future<Optional<Conversation>> get(String tenantId, String conversationId, Instant now) {
    return never();
  }

  @Override
  public Future<Page<Conversation>> list(String tenantId, PageRequest page, Instant now) {
    return never();
  }

  @Override
  public Future<Boolean> delete(String tenantId, String conversationId) {
    return never();
  }

  @Override
  public Future<Message> append(String tenantId, String conversationId, NewMessage message) {
    return never();
  }

  @Override
  public Future<Page<Message>> messages(String tenantId, String conversationId, PageRequest page, Instant now) {
    return never();
  }

  @Override
  public Future<Integer> purgeExpired(Instant now) {
    return Future.succeededFuture(0);
  }
}
