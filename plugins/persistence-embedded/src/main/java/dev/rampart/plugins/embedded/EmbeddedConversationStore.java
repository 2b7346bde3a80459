package dev.rampart.plugins.embedded;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.persistence.Conversation;
import dev.rampart.contracts.persistence.ConversationStore;
import dev.rampart.contracts.persistence.Message;
import dev.rampart.contracts.persistence.NewConversation;
import dev.rampart.contracts.persistence.NewMessage;
import dev.rampart.contracts.persistence.Page;
import dev.rampart.contracts.persistence.PageCursor;
import dev.rampart.contracts.persistence.PageRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Conversations and messages in the embedded H2 database; every call is one transaction. */
final class EmbeddedConversationStore implements ConversationStore {

  private static final String DUPLICATE_KEY = "23505";
  private static final String CONVERSATION_COLUMNS =
      "id, tenant_id, title, metadata, created_at, updated_at, expires_at, message_count";
  private static final String LIVE = "(expires_at IS NULL OR expires_at > ?)";

  private final EmbeddedDatabase database;

  EmbeddedConversationStore(EmbeddedDatabase database) {
    this.database = database;
  }

  @Override
  public Future<Conversation> create(String tenantId, NewConversation wanted) {
    Conversation conversation = new Conversation(wanted.id(), tenantId, wanted.title(), wanted.metadata().copy(),
        wanted.createdAt(), wanted.createdAt(), wanted.expiresAt(), 0);
    return database.transaction("create a conversation", connection -> {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO conversations (" + CONVERSATION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, conversation.id());
        insert.setString(2, tenantId);
        insert.setString(3, conversation.title());
        insert.setString(4, conversation.metadata().encode());
        insert.setObject(5, utc(conversation.createdAt()));
        insert.setObject(6, utc(conversation.updatedAt()));
        insert.setObject(7, conversation.expiresAt().map(EmbeddedConversationStore::utc).orElse(null));
        insert.setLong(8, 0);
        insert.executeUpdate();
      } catch (SQLException e) {
        if (DUPLICATE_KEY.equals(e.getSQLState())) {
          throw new RampartException(ErrorCode.CONFLICT, "conversation " + wanted.id() + " already exists");
        }
        throw e;
      }
      return conversation;
    });
  }

  @Override
  public Future<Optional<Conversation>> get(String tenantId, String conversationId, Instant now) {
    return database.transaction("read a conversation", connection -> find(connection, tenantId, conversationId, now, false));
  }

  @Override
  public Future<Page<Conversation>> list(String tenantId, PageRequest page, Instant now) {
    Optional<PageCursor.ConversationPosition> after;
    try {
      after = page.cursor().map(PageCursor::conversationPosition);
    } catch (RampartException e) {
      return Future.failedFuture(e);
    }
    String sql = "SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE tenant_id = ? AND " + LIVE
        + (after.isPresent() ? " AND (created_at < ? OR (created_at = ? AND id < ?))" : "")
        + " ORDER BY created_at DESC, id DESC LIMIT ?";
    return database.transaction("list conversations", connection -> {
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        int i = 1;
        select.setString(i++, tenantId);
        select.setObject(i++, utc(now));
        if (after.isPresent()) {
          select.setObject(i++, utc(after.get().createdAt()));
          select.setObject(i++, utc(after.get().createdAt()));
          select.setString(i++, after.get().id());
        }
        select.setInt(i, page.limit() + 1);
        List<Conversation> rows = readAll(select, EmbeddedConversationStore::conversation);
        return pageOf(rows, page.limit(), last -> PageCursor.afterConversation(last.createdAt(), last.id()));
      }
    });
  }

  @Override
  public Future<Boolean> delete(String tenantId, String conversationId) {
    // messages go with it: ON DELETE CASCADE, in the same transaction
    return database.transaction("delete a conversation", connection -> {
      try (PreparedStatement delete = connection.prepareStatement(
          "DELETE FROM conversations WHERE id = ? AND tenant_id = ?")) {
        delete.setString(1, conversationId);
        delete.setString(2, tenantId);
        return delete.executeUpdate() > 0;
      }
    });
  }

  @Override
  public Future<Message> append(String tenantId, String conversationId, NewMessage wanted) {
    return database.transaction("append a message", connection -> {
      // FOR UPDATE locks the conversation row until commit, so concurrent appends to one
      // conversation take turns and each sees the count the previous one committed
      Conversation conversation = find(connection, tenantId, conversationId, wanted.createdAt(), true)
          .orElseThrow(() -> notFound(conversationId));
      long seq = conversation.messageCount() + 1;
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE conversations SET message_count = ?, updated_at = ? WHERE id = ?")) {
        update.setLong(1, seq);
        update.setObject(2, utc(wanted.createdAt()));
        update.setString(3, conversationId);
        update.executeUpdate();
      }
      Message message = new Message(wanted.id(), conversationId, seq, wanted.role(), wanted.content(),
          wanted.metadata().copy(), wanted.createdAt());
      insert(connection, message);
      return message;
    });
  }

  @Override
  public Future<Page<Message>> messages(String tenantId, String conversationId, PageRequest page, Instant now) {
    long after;
    try {
      after = page.cursor().map(PageCursor::messagePosition).orElse(0L);
    } catch (RampartException e) {
      return Future.failedFuture(e);
    }
    return database.transaction("list messages", connection -> {
      if (find(connection, tenantId, conversationId, now, false).isEmpty()) {
        throw notFound(conversationId);
      }
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT id, conversation_id, seq, role, content, metadata, created_at FROM messages"
              + " WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?")) {
        select.setString(1, conversationId);
        select.setLong(2, after);
        select.setInt(3, page.limit() + 1);
        List<Message> rows = readAll(select, EmbeddedConversationStore::message);
        return pageOf(rows, page.limit(), last -> PageCursor.afterMessage(last.seq()));
      }
    });
  }

  @Override
  public Future<Integer> purgeExpired(Instant now) {
    return database.transaction("purge expired conversations", connection -> {
      try (PreparedStatement delete = connection.prepareStatement(
          "DELETE FROM conversations WHERE expires_at <= ?")) {
        delete.setObject(1, utc(now));
        return delete.executeUpdate();
      }
    });
  }

  private static Optional<Conversation> find(Connection connection, String tenantId, String conversationId,
      Instant now, boolean forUpdate) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT " + CONVERSATION_COLUMNS
        + " FROM conversations WHERE id = ? AND tenant_id = ? AND " + LIVE + (forUpdate ? " FOR UPDATE" : ""))) {
      select.setString(1, conversationId);
      select.setString(2, tenantId);
      select.setObject(3, utc(now));
      return readAll(select, EmbeddedConversationStore::conversation).stream().findFirst();
    }
  }

  private static void insert(Connection connection, Message message) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO messages (id, conversation_id, seq, role, content, metadata, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, message.id());
      insert.setString(2, message.conversationId());
      insert.setLong(3, message.seq());
      insert.setString(4, message.role());
      insert.setString(5, message.content());
      insert.setString(6, message.metadata().encode());
      insert.setObject(7, utc(message.createdAt()));
      insert.executeUpdate();
    } catch (SQLException e) {
      // only the message-id constraint is the caller's doing; a clash on (conversation, seq)
      // would be a locking bug and stays STORAGE_UNAVAILABLE, with the transaction rolled back
      if (DUPLICATE_KEY.equals(e.getSQLState())
          && String.valueOf(e.getMessage()).toUpperCase(Locale.ROOT).contains(StoreSchema.MESSAGE_ID_CONSTRAINT)) {
        throw new RampartException(ErrorCode.CONFLICT, "message " + message.id() + " already exists");
      }
      throw e;
    }
  }

  /** Reads one row past the limit to learn whether another page follows. */
  private static <T> Page<T> pageOf(List<T> rows, int limit, Function<T, String> cursorAfter) {
    if (rows.size() <= limit) {
      return new Page<>(rows, Optional.empty());
    }
    List<T> items = rows.subList(0, limit);
    return new Page<>(items, Optional.of(cursorAfter.apply(items.get(limit - 1))));
  }

  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  private static <T> List<T> readAll(PreparedStatement select, RowReader<T> reader) throws SQLException {
    List<T> rows = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        rows.add(reader.read(rs));
      }
    }
    return rows;
  }

  private static Conversation conversation(ResultSet row) throws SQLException {
    return new Conversation(row.getString(1), row.getString(2), row.getString(3), new JsonObject(row.getString(4)),
        instant(row, 5), instant(row, 6), Optional.ofNullable(row.getObject(7, OffsetDateTime.class))
            .map(OffsetDateTime::toInstant), row.getLong(8));
  }

  private static Message message(ResultSet row) throws SQLException {
    return new Message(row.getString(1), row.getString(2), row.getLong(3), row.getString(4), row.getString(5),
        new JsonObject(row.getString(6)), instant(row, 7));
  }

  private static Instant instant(ResultSet row, int column) throws SQLException {
    return row.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static RampartException notFound(String conversationId) {
    return new RampartException(ErrorCode.NOT_FOUND, "conversation " + conversationId + " not found");
  }
}
