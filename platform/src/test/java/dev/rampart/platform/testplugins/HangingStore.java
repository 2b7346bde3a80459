package dev.rampart.platform.testplugins;

import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.Health;
import dev.rampart.contracts.persistence.ConversationStore;
import dev.rampart.contracts.persistence.PersistenceAdapter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;

/** A persistence adapter whose store calls never complete, and one whose calls throw. */
public class HangingStore extends UnservedConversations implements PersistenceAdapter {

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

  @Override
  protected <T> Future<T> unserved() {
    if (throwing) {
      throw new IllegalStateException("store exploded with secret sk-live-123");
    }
    return Promise.<T>promise().future();
  }
}
