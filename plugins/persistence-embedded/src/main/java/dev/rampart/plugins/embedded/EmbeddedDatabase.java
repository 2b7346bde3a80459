package dev.rampart.plugins.embedded;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 database file of one instance and a small fixed pool of connections to it. Every JDBC
 * call runs on a Vert.x worker thread; callers get a {@link Future}.
 *
 * <p>Why a pool of a few connections rather than one: H2's MVStore engine runs transactions
 * concurrently with row locks, so reads of one conversation need not wait behind an append to
 * another. Why a small fixed pool rather than a pooling library: connections to an embedded file
 * database are cheap, never time out and need no validation query, so a blocking queue is all the
 * pooling needed, and the plugin jar stays free of another dependency.
 */
final class EmbeddedDatabase {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final long BORROW_TIMEOUT_SECONDS = 30;
  /** H2's error code when another process holds the database file lock. */
  private static final int DATABASE_ALREADY_OPEN = 90020;

  /** Work done with one connection inside one transaction. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  private final Vertx vertx;
  private final Path folder;
  private final List<Connection> all;
  private final BlockingQueue<Connection> idle;

  private EmbeddedDatabase(Vertx vertx, Path folder, List<Connection> connections) {
    this.vertx = vertx;
    this.folder = folder;
    this.all = List.copyOf(connections);
    this.idle = new ArrayBlockingQueue<>(connections.size(), false, connections);
  }

  /**
   * JDBC URL of the database in {@code folder}. The default file lock keeps a second process (a
   * second node pointed at the same folder) out; the lock timeout lets concurrent appends to one
   * conversation queue on its row lock instead of failing after H2's default of one second.
   */
  static String urlFor(Path folder) {
    return "jdbc:h2:file:" + folder.resolve("rampart") + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
  }

  /** Creates the folder if needed, opens the pool and brings the schema up to date. */
  static Future<EmbeddedDatabase> open(Vertx vertx, EmbeddedSettings settings) {
    return vertx.executeBlocking(() -> openBlocking(vertx, settings), false);
  }

  private static EmbeddedDatabase openBlocking(Vertx vertx, EmbeddedSettings settings) {
    Path folder = settings.folder();
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new RampartException(ErrorCode.STORAGE_UNAVAILABLE,
          "embedded store cannot create its data folder " + folder + ": " + e, e);
    }
    if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
      throw new RampartException(ErrorCode.STORAGE_UNAVAILABLE,
          "embedded store cannot write to its data folder " + folder);
    }
    List<Connection> connections = new ArrayList<>();
    try {
      for (int i = 0; i < settings.poolSize(); i++) {
        connections.add(connect(folder));
      }
      Connection first = connections.get(0);
      int before;
      try {
        before = StoreSchema.migrate(first);
        first.commit();
      } catch (SQLException | RuntimeException e) {
        first.rollback();
        throw e;
      }
      if (before > 0 && before < StoreSchema.CURRENT_VERSION) {
        log.info("embedded store in {} upgraded from schema v{} to v{}", folder, before, StoreSchema.CURRENT_VERSION);
      }
      log.info("embedded store open in {} (schema v{}, {} connections)", folder, StoreSchema.CURRENT_VERSION,
          connections.size());
      return new EmbeddedDatabase(vertx, folder, connections);
    } catch (SQLException e) {
      connections.forEach(EmbeddedDatabase::closeQuietly);
      String reason = e.getErrorCode() == DATABASE_ALREADY_OPEN
          ? "the database is in use by another process"
          : "the database could not be opened (SQLState " + e.getSQLState() + ", H2 error " + e.getErrorCode() + ")";
      throw new RampartException(ErrorCode.STORAGE_UNAVAILABLE, "embedded store in " + folder + ": " + reason);
    } catch (RuntimeException e) {
      connections.forEach(EmbeddedDatabase::closeQuietly);
      throw e;
    }
  }

  private static Connection connect(Path folder) throws SQLException {
    // the driver is instantiated directly: DriverManager's ServiceLoader lookup does not see
    // drivers inside a PF4J plugin class loader
    Connection connection = new org.h2.Driver().connect(urlFor(folder), new Properties());
    connection.setAutoCommit(false);
    return connection;
  }

  /**
   * Runs {@code work} in a transaction on a worker thread: committed if it returns, rolled back if
   * it throws. A {@link RampartException} from the work is passed on; an {@link SQLException}
   * becomes {@code STORAGE_UNAVAILABLE} whose message names the operation only, because H2's
   * messages can quote SQL parameters, which hold user content.
   */
  <T> Future<T> transaction(String operation, SqlWork<T> work) {
    return vertx.executeBlocking(() -> {
      Connection connection = borrow(operation);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException e) {
        rollbackQuietly(connection);
        log.warn("embedded store could not {} (SQLState {}, H2 error {})", operation, e.getSQLState(), e.getErrorCode());
        throw unavailable(operation);
      } catch (RuntimeException e) {
        rollbackQuietly(connection);
        throw e;
      } finally {
        idle.add(connection);
      }
    }, false);
  }

  /** True when a connection answers; used by health checks. */
  Future<Boolean> reachable() {
    return vertx.executeBlocking(() -> {
      Connection connection = idle.poll(1, TimeUnit.SECONDS);
      if (connection == null) {
        return true; // every connection is busy serving calls, which is a sign of life
      }
      try {
        return connection.isValid(1);
      } finally {
        idle.add(connection);
      }
    }, false);
  }

  /** Closes every connection; H2 closes the database file when the last one goes. */
  Future<Void> close() {
    return vertx.executeBlocking(() -> {
      all.forEach(EmbeddedDatabase::closeQuietly);
      log.info("embedded store in {} closed", folder);
      return null;
    }, false);
  }

  private Connection borrow(String operation) throws InterruptedException {
    Connection connection = idle.poll(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (connection == null) {
      log.warn("embedded store could not {}: no connection free within {} s", operation, BORROW_TIMEOUT_SECONDS);
      throw unavailable(operation);
    }
    return connection;
  }

  private static RampartException unavailable(String operation) {
    return new RampartException(ErrorCode.STORAGE_UNAVAILABLE,
        "embedded store could not " + operation + "; nothing was changed");
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      log.debug("rollback failed (SQLState {})", e.getSQLState());
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      log.debug("close failed (SQLState {})", e.getSQLState());
    }
  }
}
