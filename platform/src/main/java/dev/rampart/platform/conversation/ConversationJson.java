package dev.rampart.platform.conversation;

import dev.rampart.contracts.persistence.Conversation;
import dev.rampart.contracts.persistence.Message;
import dev.rampart.contracts.persistence.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/** The wire shapes of conversations and messages (see the OpenAPI contract), for both doors. */
final class ConversationJson {

  private ConversationJson() {}

  static JsonObject conversation(Conversation c) {
    return new JsonObject()
        .put("id", c.id())
        .put("title", c.title())
        .put("metadata", c.metadata())
        .put("created-at", c.createdAt().toString())
        .put("updated-at", c.updatedAt().toString())
        .put("expires-at", c.expiresAt().map(Object::toString).orElse(null))
        .put("message-count", c.messageCount());
  }

  static JsonObject message(Message m) {
    return new JsonObject()
        .put("id", m.id())
        .put("conversation-id", m.conversationId())
        .put("seq", m.seq())
        .put("role", m.role())
        .put("content", m.content())
        .put("metadata", m.metadata())
        .put("created-at", m.createdAt().toString());
  }

  static <T> JsonObject page(Page<T> page, Function<T, JsonObject> item) {
    JsonArray items = new JsonArray();
    page.items().forEach(i -> items.add(item.apply(i)));
    return new JsonObject().put("items", items).put("next-cursor", page.nextCursor().orElse(null));
  }
}
