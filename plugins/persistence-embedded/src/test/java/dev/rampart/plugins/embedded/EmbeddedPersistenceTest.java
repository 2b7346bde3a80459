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
import dev.rampart.contracts.persistence.UsageRecord;
import dev.rampart.contracts.persistence.UsageStore;
import dev.rampart.contracts.persistence.UsageTotal;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the embedded store promises beyond the TCK: files, restarts and storage faults. */
class EmbeddedPersistenceTest {

  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Instant NOW = T0.plusSeconds(3600);
  private static final LocalDate DAY0 = LocalDate.of(2030, 1, 1);

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

    assertEquals(allVersions(), schemaVersions(dataDirectory));
  }

  @Test
  void databaseLeftByVersionOneUpgradesOnStartKeepsItsDataAndKeepsUsage() throws Exception {
    try (Connection connection = connect(dataDirectory); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      StoreSchema.migrate(connection, 1);
      statement.execute("INSERT INTO conversations (id, tenant_id, title, metadata, created_at, updated_at, expires_at,"
          + " message_count) VALUES ('c-1', 't', 'from v1', '{}', TIMESTAMP WITH TIME ZONE '2030-01-01 00:00:00Z',"
          + " TIMESTAMP WITH TIME ZONE '2030-01-01 00:00:00Z', NULL, 0)");
      connection.commit();
    }
    assertEquals(List.of(1), schemaVersions(dataDirectory));

    EmbeddedPersistence upgraded = start(new JsonObject());
    await(upgraded.usage().record("t", usage("u-1", 0.25)));

    assertEquals(allVersions(), schemaVersions(dataDirectory));
    assertEquals("from v1", await(upgraded.conversations().get("t", "c-1", NOW)).orElseThrow().title());
    assertEquals(1, await(upgraded.conversations().append("t", "c-1", message("m-1", "after the upgrade"))).seq());
    assertEquals(List.of(new UsageTotal(DAY0, "offline", "echo", 1, 10, 5, 0.25)), await(upgraded.usage().totals("t", DAY0, DAY0.plusDays(1))));
  }

  @Test
  void usageSurvivesStopAndStart() throws Exception {
    EmbeddedPersistence first = start(new JsonObject());
    await(first.usage().record("t", usage("u-1", 0.25)));
    await(first.stop());

    EmbeddedPersistence reopened = start(new JsonObject());
    await(reopened.usage().record("t", usage("u-1", 0.25)));
    await(reopened.usage().record("t", usage("u-2", 0.5)));

    assertEquals(List.of(new UsageTotal(DAY0, "offline", "echo", 2, 20, 10, 0.75)),
        await(reopened.usage().totals("t", DAY0, DAY0.plusDays(1))));
  }

  @Test
  void costIsSummedAsDecimalSoSmallCallsOnALargeTotalAreNotRoundedAway() throws Exception {
    UsageStore ledger = start(new JsonObject()).usage();
    await(ledger.record("t", usage("big", 1_000_000.0)));
    // summed as doubles, each 0.000123 would be rounded to the 1.2e-10 grid of a 1e6 total,
    // drifting by about 5e-9 over a thousand calls
    List<Future<Void>> small = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      small.add(ledger.record("t", usage("small-" + i, 0.000123)));
    }
    await(Future.all(small));

    double total = await(ledger.totals("t", DAY0, DAY0.plusDays(1))).get(0).costUsd();

    assertEquals(1_000_000.123, total, 1e-9);
  }

  @Test
  void invalidUsageRecordsFailWithValidationFailedAndCountNothing() throws Exception {
    UsageStore ledger = start(new JsonObject()).usage();
    List<UsageRecord> invalid = List.of(
        usage("u-nan", Double.NaN),
        usage("u-infinite", Double.POSITIVE_INFINITY),
        usage("u-negative", -0.01),
        usage("u-huge", 1e10),
        new UsageRecord("u-tokens", T0, "offline", "echo", -1, 0, 0.1),
        new UsageRecord("", T0, "offline", "echo", 1, 1, 0.1));

    for (UsageRecord record : invalid) {
      assertEquals(ErrorCode.VALIDATION_FAILED, failure(ledger.record("t", record)).code(), record.id());
    }
    assertEquals(List.of(), await(ledger.totals("t", DAY0, DAY0.plusDays(1))));
  }

  @Test
  void recordOnADatabaseClosedUnderneathFailsWithStorageUnavailableAndCountsNothing() throws Exception {
    EmbeddedPersistence first = start(new JsonObject());
    await(first.usage().record("t", usage("u-1", 0.25)));
    try (Connection intruder = connect(dataDirectory); Statement statement = intruder.createStatement()) {
      statement.execute("SHUTDOWN");
    }

    RampartException error = failure(first.usage().record("t", usage("u-2", 0.5)));
    await(first.stop());
    EmbeddedPersistence reopened = start(new JsonObject());

    assertEquals(ErrorCode.STORAGE_UNAVAILABLE, error.code());
    assertEquals(null, error.getCause());
    assertEquals(List.of(new UsageTotal(DAY0, "offline", "echo", 1, 10, 5, 0.25)),
        await(reopened.usage().totals("t", DAY0, DAY0.plusDays(1))));
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
  void storesRefuseCallsBeforeStart() {
    RampartException conversations = assertThrows(RampartException.class, () -> new EmbeddedPersistence().conversations());
    RampartException usage = assertThrows(RampartException.class, () -> new EmbeddedPersistence().usage());

    assertEquals(ErrorCode.EXTENSION_UNAVAILABLE, conversations.code());
    assertEquals(ErrorCode.EXTENSION_UNAVAILABLE, usage.code());
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

  private static UsageRecord usage(String id, double costUsd) {
    return new UsageRecord(id, T0.plusSeconds(60), "offline", "echo", 10, 5, costUsd);
  }

  private static List<Integer> allVersions() {
    return IntStream.rangeClosed(1, StoreSchema.CURRENT_VERSION).boxed().collect(Collectors.toList());
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
