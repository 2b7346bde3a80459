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

  /** Digits of {@code usage_records.cost_usd}, of which {@link #COST_SCALE} after the point. */
  static final int COST_PRECISION = 20;
  static final int COST_SCALE = 10;

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
            CONSTRAINT %s UNIQUE (id))""".formatted(MESSAGE_ID_CONSTRAINT)),
      // version 2: the usage ledger. The UTC day is stored at insert so totals group on a plain
      // column; cost is DECIMAL because sums of many small doubles drift (see EmbeddedUsageStore)
      List.of(
          """
          CREATE TABLE IF NOT EXISTS usage_records (
            id                VARCHAR NOT NULL PRIMARY KEY,
            tenant_id         VARCHAR NOT NULL,
            usage_day         DATE NOT NULL,
            recorded_at       TIMESTAMP(9) WITH TIME ZONE NOT NULL,
            provider          VARCHAR NOT NULL,
            model             VARCHAR NOT NULL,
            prompt_tokens     BIGINT NOT NULL,
            completion_tokens BIGINT NOT NULL,
            cost_usd          DECIMAL(%d, %d) NOT NULL)""".formatted(COST_PRECISION, COST_SCALE),
          "CREATE INDEX IF NOT EXISTS usage_by_tenant_day ON usage_records (tenant_id, usage_day, provider, model)"));

  /** The schema version this code reads and writes. */
  static final int CURRENT_VERSION = MIGRATIONS.size();

  private StoreSchema() {}

  /**
   * Creates or upgrades the schema to {@link #CURRENT_VERSION}; the caller commits. Returns the
   * version the database had before (0 for a new one).
   */
  static int migrate(Connection connection) throws SQLException {
    return migrate(connection, CURRENT_VERSION);
  }

  /**
   * Brings the schema to {@code target}, which is at most {@link #CURRENT_VERSION}; tests use a
   * lower target to build a database as an older release left it. H2 commits each DDL statement on
   * its own, which is why every statement is idempotent: a start interrupted between a migration's
   * statements and its {@code schema_version} row runs that migration again.
   */
  static int migrate(Connection connection, int target) throws SQLException {
    if (target < 1 || target > CURRENT_VERSION) {
      throw new IllegalArgumentException("no schema version " + target);
    }
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
      for (int version = installed + 1; version <= target; version++) {
        for (String sql : MIGRATIONS.get(version - 1)) {
          statement.execute(sql);
        }
        record(connection, version);
      }
      return installed;
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
