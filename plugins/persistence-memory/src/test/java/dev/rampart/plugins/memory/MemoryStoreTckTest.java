package dev.rampart.plugins.memory;

import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.persistence.PersistenceAdapter;
import dev.rampart.contracts.tck.PersistenceTck;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory store passes the persistence TCK; a new instance is a new, empty store. */
class MemoryStoreTckTest extends PersistenceTck {

  @TempDir Path dataDirectory;

  @Override
  protected Future<PersistenceAdapter> startAdapter(Vertx vertx) {
    MemoryPersistence adapter = new MemoryPersistence();
    return adapter.start(new ExtensionContext(vertx, "tck", dataDirectory), new JsonObject()).map(adapter);
  }
}
