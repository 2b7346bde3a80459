package dev.rampart.plugins.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.Health;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.persistence.Conversation;
import dev.rampart.contracts.persistence.ConversationStore;
import dev.rampart.contracts.persistence.Message;
import dev.rampart.contracts.persistence.NewConversation;
import dev.rampart.contracts.persistence.NewMessage;
import dev.rampart.contracts.persistence.PageRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the embedded store promises beyond the TCK: files, restarts and storage faults. */
class EmbeddedPersistenceTest {

  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Instant NOW = T0.plusSeconds(3600);

  @TempDir Path dataDirectory;
  private Vertx vertx;
  private final List<EmbeddedPersistence> started = new ArrayList<>();

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (EmbeddedPersistence adapter : started) {
      await(adapter.stop());
    }
    await(vertx.close());
  }

  @Test
  void dataSurvivesStopAndStartOnTheSameFolder() throws Exception {
    EmbeddedPersistence first = start(new JsonObject());
    await(first.conversations().create("t", conversation("c-1")));
    Message written = await(first.conversations().append("t", "c-1", message("m-1", "kept across restarts")));
    await(first.stop());

    ConversationStore reopened = start(new JsonObject()).conversations();

    Conversation read = await(reopened.get("t", "c-1", NOW)).orElseThrow();
    assertEquals(1, read.messageCount());
    assertEquals(List.of(written), await(reopened.messages("t", "c-1", PageRequest.first(10), NOW)).items());
    assertEquals(2, await(reopened.append("t", "c-1", message("m-2", "next"))).seq());
  }

  @Test
  void schemaIsCreatedOnceAndRecordedWithItsVersion() throws Exception {
    await(start(new JsonObject()).stop());
    await(start(new JsonObject()).stop());

    assertEquals(List.of(StoreSchema.CURRENT_VERSION), schemaVersions(dataDirectory));
  }

  @Test
  void startRefusesADatabaseWithANewerSchema() throws Exception {
    await(start(new JsonObject()).stop());
    try (Connection connection = connect(dataDirectory); Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, CURRENT_TIMESTAMP)");
    }

    RampartException error = startFailure(new JsonObject());

    assertEquals(ErrorCode.STORAGE_UNAVAILABLE, error.code());
    assertTrue(error.getMessage().contains("schema version 99"), error.getMessage());
  }

  @Test
  void defaultFolderIsTheDataDirectory() throws Exception {
    start(new JsonObject());

    assertTrue(Files.exists(dataDirectory.resolve("rampart.mv.db")));
  }

  @Test
  void relativePathResolvesAgainstTheDataDirectory() throws Exception {
    start(new JsonObject().put("path", "stores/main"));

    assertTrue(Files.exists(dataDirectory.resolve("stores/main/rampart.mv.db")));
  }

  @Test
  void startFailsWithStorageUnavailableWhenTheFolderCannotBeCreated() throws Exception {
    Path regularFile = Files.writeString(dataDirectory.resolve("not-a-folder"), "x");

    RampartException error = startFailure(new JsonObject().put("path", regularFile.resolve("db").toString()));

    assertEquals(ErrorCode.STORAGE_UNAVAILABLE, error.code());
    assertTrue(error.getMessage().contains(regularFile.resolve("db").toString()), error.getMessage());
  }

  @Test
  void startFailsWithValidationFailedForABadPoolSize() {
    for (Object poolSize : List.of(0, 17, "four")) {
      RampartException error = startFailure(new JsonObject().put("pool-size", poolSize));

      assertEquals(ErrorCode.VALIDATION_FAILED, error.code(), String.valueOf(poolSize));
    }
  }

  @Test
  void appendFailingMidTransactionLeavesNothingBehindAcrossARestart() throws Exception {
    EmbeddedPersistence first = start(new JsonObject());
    ConversationStore store = first.conversations();
    await(store.create("t", conversation("c-1")));
    await(store.create("t", conversation("c-2")));
    await(store.append("t", "c-1", message("m-1", "first")));

    // the conversation row of c-2 is updated before the message insert hits the unique id
    RampartException error = failure(store.append("t", "c-2", message("m-1", "duplicate id")));
    await(first.stop());
    ConversationStore reopened = start(new JsonObject()).conversations();

    assertEquals(ErrorCode.CONFLICT, error.code());
    Conversation c2 = await(reopened.get("t", "c-2", NOW)).orElseThrow();
    assertEquals(0, c2.messageCount());
    assertEquals(T0, c2.updatedAt());
    assertEquals(List.of(), await(reopened.messages("t", "c-2", PageRequest.first(10), NOW)).items());
    assertEquals(1, await(reopened.append("t", "c-2", message("m-2", "retry"))).seq());
  }

  @Test
  void databaseClosedUnderneathFailsWithStorageUnavailableAndLeaksNoContent() throws Exception {
    EmbeddedPersistence first = start(new JsonObject());
    await(first.conversations().create("t", conversation("c-1")));
    try (Connection intruder = connect(dataDirectory); Statement statement = intruder.createStatement()) {
      statement.execute("SHUTDOWN");
    }

    RampartException error = failure(first.conversations().append("t", "c-1", message("m-1", "secret-content-42")));
    Health health = await(first.health());
    await(first.stop());
    ConversationStore reopened = start(new JsonObject()).conversations();

    assertEquals(ErrorCode.STORAGE_UNAVAILABLE, error.code());
    assertFalse(error.getMessage().contains("secret-content-42"), error.getMessage());
    assertFalse(error.getMessage().toUpperCase().contains("INSERT"), error.getMessage());
    assertEquals(null, error.getCause(), "the SQLException (which may quote values) is not attached");
    assertEquals(Health.Status.DOWN, health.status());
    assertEquals(0, await(reopened.get("t", "c-1", NOW)).orElseThrow().messageCount());
  }

  @Test
  void storeRefusesCallsBeforeStart() {
    RampartException error = assertThrows(RampartException.class, () -> new EmbeddedPersistence().conversations());

    assertEquals(ErrorCode.EXTENSION_UNAVAILABLE, error.code());
  }

  private EmbeddedPersistence start(JsonObject settings) throws Exception {
    EmbeddedPersistence adapter = new EmbeddedPersistence();
    await(adapter.start(new ExtensionContext(vertx, "test", dataDirectory), settings));
    started.add(adapter);
    return adapter;
  }

  private RampartException startFailure(JsonObject settings) {
    return failure(new EmbeddedPersistence().start(new ExtensionContext(vertx, "test", dataDirectory), settings));
  }

  private static NewConversation conversation(String id) {
    return new NewConversation(id, "title", new JsonObject(), T0, Optional.empty());
  }

  private static NewMessage message(String id, String content) {
    return new NewMessage(id, "user", content, new JsonObject(), T0.plusSeconds(1));
  }

  private static Connection connect(Path folder) throws SQLException {
    return new org.h2.Driver().connect(EmbeddedDatabase.urlFor(folder), new Properties());
  }

  private static List<Integer> schemaVersions(Path folder) throws SQLException {
    List<Integer> versions = new ArrayList<>();
    try (Connection connection = connect(folder); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
      while (rs.next()) {
        versions.add(rs.getInt(1));
      }
    }
    return versions;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static RampartException failure(Future<?> future) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> await(future));
    return assertInstanceOf(RampartException.class, e.getCause());
  }
}
