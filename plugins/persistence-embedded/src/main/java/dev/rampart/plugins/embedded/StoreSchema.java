package dev.rampart.plugins.embedded;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The tables of the embedded store and how to bring a database up to date. Each migration runs
 * once, in order, and is recorded in {@code schema_version}; the statements are idempotent as
 * well, so a start interrupted half-way simply runs again.
 */
final class StoreSchema {

  /** Name of the unique constraint on message ids; a violation of it means CONFLICT. */
  static final String MESSAGE_ID_CONSTRAINT = "MESSAGE_ID_UNIQUE";

  private static final List<List<String>> MIGRATIONS = List.of(
      // version 1
      List.of(
          """
          CREATE TABLE IF NOT EXISTS conversations (
            id            VARCHAR NOT NULL PRIMARY KEY,
            tenant_id     VARCHAR NOT NULL,
            title         VARCHAR NOT NULL,
            metadata      CHARACTER LARGE OBJECT NOT NULL,
            created_at    TIMESTAMP(9) WITH TIME ZONE NOT NULL,
            updated_at    TIMESTAMP(9) WITH TIME ZONE NOT NULL,
            expires_at    TIMESTAMP(9) WITH TIME ZONE,
            message_count BIGINT NOT NULL)""",
          "CREATE INDEX IF NOT EXISTS conversations_by_tenant ON conversations (tenant_id, created_at DESC, id DESC)",
          "CREATE INDEX IF NOT EXISTS conversations_by_expiry ON conversations (expires_at)",
          // (conversation_id, seq) as primary key: even a bug in seq assignment can never store
          // two messages at one position; message ids are unique across conversations
          """
          CREATE TABLE IF NOT EXISTS messages (
            conversation_id VARCHAR NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
            seq             BIGINT NOT NULL,
            id              VARCHAR NOT NULL,
            role            VARCHAR NOT NULL,
            content         CHARACTER LARGE OBJECT NOT NULL,
            metadata        CHARACTER LARGE OBJECT NOT NULL,
            created_at      TIMESTAMP(9) WITH TIME ZONE NOT NULL,
            PRIMARY KEY (conversation_id, seq),
            CONSTRAINT %s UNIQUE (id))""".formatted(MESSAGE_ID_CONSTRAINT)));

  /** The schema version this code reads and writes. */
  static final int CURRENT_VERSION = MIGRATIONS.size();

  private StoreSchema() {}

  /** Creates or upgrades the schema in one transaction; the caller commits. */
  static void migrate(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("""
          CREATE TABLE IF NOT EXISTS schema_version (
            version    INTEGER NOT NULL PRIMARY KEY,
            applied_at TIMESTAMP(9) WITH TIME ZONE NOT NULL)""");
      int installed = installedVersion(statement);
      if (installed > CURRENT_VERSION) {
        throw new RampartException(ErrorCode.STORAGE_UNAVAILABLE, "the embedded database has schema version "
            + installed + ", newer than this plugin understands (" + CURRENT_VERSION + "); upgrade the plugin");
      }
      for (int version = installed + 1; version <= CURRENT_VERSION; version++) {
        for (String sql : MIGRATIONS.get(version - 1)) {
          statement.execute(sql);
        }
        record(connection, version);
      }
    }
  }

  private static int installedVersion(Statement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void record(Connection connection, int version) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
      insert.setInt(1, version);
      insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
      insert.executeUpdate();
    }
  }
}
