package dev.rampart.plugins.memory;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Conversations held in the heap, lost on restart.
 *
 * <p>Every method takes one lock: calls arrive from several event loops, each is a few map
 * operations, so a single monitor is simpler than finer locking and never holds an event loop
 * for long. Metadata is copied on the way in and out so callers cannot change stored state.
 */
final class MemoryConversationStore implements ConversationStore {

  /** Newest first: createdAt then id, both descending. */
  private static final Comparator<Conversation> NEWEST_FIRST =
      Comparator.comparing(Conversation::createdAt).thenComparing(Conversation::id).reversed();

  private final Map<String, StoredConversation> conversations = new HashMap<>();
  private final Set<String> messageIds = new HashSet<>();

  /** A conversation and its messages in seq order (seq = index + 1). */
  private static final class StoredConversation {
    Conversation conversation;
    final List<Message> messages = new ArrayList<>();

    StoredConversation(Conversation conversation) {
      this.conversation = conversation;
    }
  }

  @Override
  public Future<Conversation> create(String tenantId, NewConversation wanted) {
    return answer(() -> {
      if (conversations.containsKey(wanted.id())) {
        throw new RampartException(ErrorCode.CONFLICT, "conversation " + wanted.id() + " already exists");
      }
      Conversation conversation = new Conversation(wanted.id(), tenantId, wanted.title(), wanted.metadata().copy(),
          wanted.createdAt(), wanted.createdAt(), wanted.expiresAt(), 0);
      conversations.put(conversation.id(), new StoredConversation(conversation));
      return copyOf(conversation);
    });
  }

  @Override
  public Future<Optional<Conversation>> get(String tenantId, String conversationId, Instant now) {
    return answer(() -> live(tenantId, conversationId, now).map(stored -> copyOf(stored.conversation)));
  }

  @Override
  public Future<Page<Conversation>> list(String tenantId, PageRequest page, Instant now) {
    return answer(() -> {
      Optional<PageCursor.ConversationPosition> after = page.cursor().map(PageCursor::conversationPosition);
      List<Conversation> matching = conversations.values().stream()
          .map(stored -> stored.conversation)
          .filter(c -> c.tenantId().equals(tenantId) && !expired(c, now))
          .filter(c -> after.map(position -> isAfter(c, position)).orElse(true))
          .sorted(NEWEST_FIRST)
          .limit(page.limit() + 1L)
          .map(MemoryConversationStore::copyOf)
          .toList();
      if (matching.size() <= page.limit()) {
        return new Page<>(matching, Optional.empty());
      }
      List<Conversation> items = matching.subList(0, page.limit());
      Conversation last = items.get(items.size() - 1);
      return new Page<>(items, Optional.of(PageCursor.afterConversation(last.createdAt(), last.id())));
    });
  }

  @Override
  public Future<Boolean> delete(String tenantId, String conversationId) {
    return answer(() -> {
      StoredConversation stored = conversations.get(conversationId);
      if (stored == null || !stored.conversation.tenantId().equals(tenantId)) {
        return false;
      }
      remove(stored);
      return true;
    });
  }

  @Override
  public Future<Message> append(String tenantId, String conversationId, NewMessage wanted) {
    return answer(() -> {
      StoredConversation stored = live(tenantId, conversationId, wanted.createdAt()).orElseThrow(() -> notFound(conversationId));
      if (messageIds.contains(wanted.id())) {
        throw new RampartException(ErrorCode.CONFLICT, "message " + wanted.id() + " already exists");
      }
      Message message = new Message(wanted.id(), conversationId, stored.messages.size() + 1L, wanted.role(),
          wanted.content(), wanted.metadata().copy(), wanted.createdAt());
      stored.messages.add(message);
      messageIds.add(message.id());
      Conversation before = stored.conversation;
      stored.conversation = new Conversation(before.id(), before.tenantId(), before.title(), before.metadata(),
          before.createdAt(), wanted.createdAt(), before.expiresAt(), stored.messages.size());
      return copyOf(message);
    });
  }

  @Override
  public Future<Page<Message>> messages(String tenantId, String conversationId, PageRequest page, Instant now) {
    return answer(() -> {
      long after = page.cursor().map(PageCursor::messagePosition).orElse(0L);
      StoredConversation stored = live(tenantId, conversationId, now).orElseThrow(() -> notFound(conversationId));
      int from = (int) Math.min(after, stored.messages.size());
      int to = Math.min(from + page.limit(), stored.messages.size());
      List<Message> items = stored.messages.subList(from, to).stream().map(MemoryConversationStore::copyOf).toList();
      Optional<String> next = to < stored.messages.size()
          ? Optional.of(PageCursor.afterMessage(to))
          : Optional.empty();
      return new Page<>(items, next);
    });
  }

  @Override
  public Future<Integer> purgeExpired(Instant now) {
    return answer(() -> {
      int purged = 0;
      for (Iterator<StoredConversation> it = conversations.values().iterator(); it.hasNext(); ) {
        StoredConversation stored = it.next();
        if (expired(stored.conversation, now)) {
          stored.messages.forEach(m -> messageIds.remove(m.id()));
          it.remove();
          purged++;
        }
      }
      return purged;
    });
  }

  /** Runs the operation under the store's lock; a RampartException becomes a failed future. */
  private synchronized <T> Future<T> answer(Supplier<T> operation) {
    try {
      return Future.succeededFuture(operation.get());
    } catch (RampartException e) {
      return Future.failedFuture(e);
    }
  }

  private Optional<StoredConversation> live(String tenantId, String conversationId, Instant now) {
    return Optional.ofNullable(conversations.get(conversationId))
        .filter(stored -> stored.conversation.tenantId().equals(tenantId) && !expired(stored.conversation, now));
  }

  private void remove(StoredConversation stored) {
    stored.messages.forEach(m -> messageIds.remove(m.id()));
    conversations.remove(stored.conversation.id());
  }

  private static boolean expired(Conversation conversation, Instant now) {
    return conversation.expiresAt().map(expiry -> !expiry.isAfter(now)).orElse(false);
  }

  private static boolean isAfter(Conversation c, PageCursor.ConversationPosition position) {
    int byTime = c.createdAt().compareTo(position.createdAt());
    return byTime < 0 || (byTime == 0 && c.id().compareTo(position.id()) < 0);
  }

  private static RampartException notFound(String conversationId) {
    return new RampartException(ErrorCode.NOT_FOUND, "conversation " + conversationId + " not found");
  }

  private static Conversation copyOf(Conversation c) {
    return new Conversation(c.id(), c.tenantId(), c.title(), c.metadata().copy(), c.createdAt(), c.updatedAt(),
        c.expiresAt(), c.messageCount());
  }

  private static Message copyOf(Message m) {
    return new Message(m.id(), m.conversationId(), m.seq(), m.role(), m.content(), m.metadata().copy(), m.createdAt());
  }
}
