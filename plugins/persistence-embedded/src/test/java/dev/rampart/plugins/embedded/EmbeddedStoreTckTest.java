package dev.rampart.plugins.embedded;

import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.persistence.PersistenceAdapter;
import dev.rampart.contracts.tck.PersistenceTck;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store passes the persistence TCK, each test on a database in a fresh folder. */
class EmbeddedStoreTckTest extends PersistenceTck {

  @TempDir Path dataDirectory;

  @Override
  protected Future<PersistenceAdapter> startAdapter(Vertx vertx) {
    EmbeddedPersistence adapter = new EmbeddedPersistence();
    return adapter.start(new ExtensionContext(vertx, "tck", dataDirectory), new JsonObject()).map(adapter);
  }
}
