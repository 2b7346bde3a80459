package dev.rampart.plugins.embedded;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.Health;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.persistence.ConversationStore;
import dev.rampart.contracts.persistence.PersistenceAdapter;
import dev.rampart.contracts.persistence.UsageStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.pf4j.Extension;

/**
 * Persistence type {@code embedded}: the default store of conversations and the usage ledger, an
 * H2 database file in a local folder, no server needed. Serves a single node; the file lock
 * refuses a second process on the same folder. Settings: see {@link #settingsSchema()}.
 */
@Extension
public final class EmbeddedPersistence implements PersistenceAdapter {

  private volatile EmbeddedDatabase database;
  private volatile EmbeddedConversationStore conversations;
  private volatile EmbeddedUsageStore usage;

  @Override
  public String type() {
    return "embedded";
  }

  @Override
  public JsonObject settingsSchema() {
    return EmbeddedSettings.schema();
  }

  @Override
  public Future<Void> start(ExtensionContext context, JsonObject settings) {
    if (database != null) {
      return Future.failedFuture(new IllegalStateException("already started"));
    }
    EmbeddedSettings parsed;
    try {
      parsed = EmbeddedSettings.from(settings == null ? new JsonObject() : settings, context.dataDirectory());
    } catch (RampartException e) {
      return Future.failedFuture(e);
    }
    return EmbeddedDatabase.open(context.vertx(), parsed).map(opened -> {
      database = opened;
      conversations = new EmbeddedConversationStore(opened);
      usage = new EmbeddedUsageStore(opened);
      return null;
    });
  }

  /** Closes the database; calls still in flight or made later fail with STORAGE_UNAVAILABLE. */
  @Override
  public synchronized Future<Void> stop() {
    EmbeddedDatabase open = database;
    database = null;
    return open == null ? Future.succeededFuture() : open.close();
  }

  @Override
  public Future<Health> health() {
    EmbeddedDatabase open = database;
    if (open == null) {
      return Future.succeededFuture(Health.down("not started"));
    }
    return open.reachable()
        .map(ok -> ok ? Health.up() : Health.down("the embedded database is closed or unreadable"))
        .otherwise(failure -> Health.down("the embedded database is unreachable"));
  }

  /** The store; fails calls with {@code EXTENSION_UNAVAILABLE} until {@link #start} succeeded. */
  @Override
  public ConversationStore conversations() {
    EmbeddedConversationStore store = conversations;
    if (store == null) {
      throw new RampartException(ErrorCode.EXTENSION_UNAVAILABLE, "embedded persistence is not started");
    }
    return store;
  }

  /** The usage ledger; fails calls with {@code EXTENSION_UNAVAILABLE} until {@link #start} succeeded. */
  @Override
  public UsageStore usage() {
    EmbeddedUsageStore store = usage;
    if (store == null) {
      throw new RampartException(ErrorCode.EXTENSION_UNAVAILABLE, "embedded persistence is not started");
    }
    return store;
  }
}
