package dev.rampart.platform.conversation;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.persistence.ConversationStore;
import dev.rampart.contracts.persistence.NewConversation;
import dev.rampart.contracts.persistence.NewMessage;
import dev.rampart.contracts.persistence.PageRequest;
import dev.rampart.platform.auth.Caller;
import dev.rampart.platform.config.TenantRegistry;
import dev.rampart.platform.guard.TextGuard;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Conversations and messages for the calling tenant: the one implementation behind the HTTP
 * routes and the event-bus addresses. Input has already been checked against the contract's
 * schemas by the door it came through; this class owns ids, clocks and expiry, and scopes every
 * call to the caller's tenant.
 *
 * <p>Message content passes the tenant's guard policy for the {@code storage} direction before
 * it is stored: what is stored is the masked, redacted or hashed text, and a {@code block}
 * refuses the append ({@code guard-blocked}) with nothing stored. Titles and metadata are not
 * guarded.
 */
public final class ConversationService {

  /** Page size when the caller does not say. */
  public static final int DEFAULT_LIMIT = 50;

  private final ConversationStore store;
  private final TenantRegistry tenants;
  private final TextGuard guard;
  private final Clock clock;

  public ConversationService(ConversationStore store, TenantRegistry tenants, TextGuard guard, Clock clock) {
    this.store = store;
    this.tenants = tenants;
    this.guard = guard;
    this.clock = clock;
  }

  public Future<JsonObject> create(Caller caller, JsonObject body) {
    Instant now = clock.instant();
    NewConversation conversation = new NewConversation(
        newId("c"),
        body.getString("title", ""),
        body.getJsonObject("metadata", new JsonObject()),
        now,
        expiry(caller.tenantId(), now));
    return store.create(caller.tenantId(), conversation).map(ConversationJson::conversation);
  }

  public Future<JsonObject> get(Caller caller, String conversationId) {
    return store.get(caller.tenantId(), conversationId, clock.instant())
        .map(found -> found.map(ConversationJson::conversation).orElseThrow(() -> notFound(conversationId)));
  }

  public Future<JsonObject> list(Caller caller, Optional<String> cursor, int limit) {
    return store.list(caller.tenantId(), page(cursor, limit), clock.instant())
        .map(page -> ConversationJson.page(page, ConversationJson::conversation));
  }

  public Future<JsonObject> delete(Caller caller, String conversationId) {
    return store.delete(caller.tenantId(), conversationId).map(deleted -> {
      if (!deleted) {
        throw notFound(conversationId);
      }
      return new JsonObject().put("deleted", true);
    });
  }

  public Future<JsonObject> append(Caller caller, String conversationId, JsonObject body) {
    String content = guard.apply(caller.tenantId(), TextGuard.Direction.STORAGE, body.getString("content")).text();
    NewMessage message = new NewMessage(
        newId("m"),
        body.getString("role"),
        content,
        body.getJsonObject("metadata", new JsonObject()),
        clock.instant());
    return store.append(caller.tenantId(), conversationId, message).map(ConversationJson::message);
  }

  public Future<JsonObject> messages(Caller caller, String conversationId, Optional<String> cursor, int limit) {
    return store.messages(caller.tenantId(), conversationId, page(cursor, limit), clock.instant())
        .map(page -> ConversationJson.page(page, ConversationJson::message));
  }

  private Optional<Instant> expiry(String tenantId, Instant now) {
    long hours = tenants.tenant(tenantId).map(t -> t.conversationTtlHours()).orElse(0L);
    return hours <= 0 ? Optional.empty() : Optional.of(now.plus(Duration.ofHours(hours)));
  }

  private static PageRequest page(Optional<String> cursor, int limit) {
    if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
      throw new RampartException(ErrorCode.VALIDATION_FAILED, "limit must be between 1 and " + PageRequest.MAX_LIMIT);
    }
    return new PageRequest(cursor.filter(c -> !c.isEmpty()), limit);
  }

  private static RampartException notFound(String conversationId) {
    return new RampartException(ErrorCode.NOT_FOUND, "no conversation " + conversationId);
  }

  private static String newId(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
  }
}
