package dev.rampart.plugins.memory;

import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.Health;
import dev.rampart.contracts.persistence.ConversationStore;
import dev.rampart.contracts.persistence.PersistenceAdapter;
import dev.rampart.contracts.persistence.UsageStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.pf4j.Extension;

/**
 * Persistence type {@code memory}: conversations and the usage ledger in the heap of this node, gone on restart. Meant
 * for tests and throwaway runs; it takes no settings.
 */
@Extension
public final class MemoryPersistence implements PersistenceAdapter {

  private final MemoryConversationStore conversations = new MemoryConversationStore();
  private final MemoryUsageStore usage = new MemoryUsageStore();

  @Override
  public String type() {
    return "memory";
  }

  @Override
  public JsonObject settingsSchema() {
    return new JsonObject()
        .put("$schema", "https://json-schema.org/draft/2020-12/schema")
        .put("type", "object")
        .put("properties", new JsonObject())
        .put("additionalProperties", false);
  }

  @Override
  public Future<Void> start(ExtensionContext context, JsonObject settings) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Health> health() {
    return Future.succeededFuture(Health.up());
  }

  @Override
  public ConversationStore conversations() {
    return conversations;
  }

  @Override
  public UsageStore usage() {
    return usage;
  }
}
