package dev.rampart.contracts.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.Health;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.persistence.Conversation;
import dev.rampart.contracts.persistence.ConversationStore;
import dev.rampart.contracts.persistence.Message;
import dev.rampart.contracts.persistence.NewConversation;
import dev.rampart.contracts.persistence.NewMessage;
import dev.rampart.contracts.persistence.Page;
import dev.rampart.contracts.persistence.PageRequest;
import dev.rampart.contracts.persistence.PersistenceAdapter;
import dev.rampart.contracts.persistence.UsageRecord;
import dev.rampart.contracts.persistence.UsageStore;
import dev.rampart.contracts.persistence.UsageTotal;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Technology compatibility kit for {@link PersistenceAdapter}: the behaviour every adapter
 * (bundled or third-party) must show, as described in {@link ConversationStore} and
 * {@link UsageStore}.
 *
 * <p><b>How to run it against your adapter.</b> Add {@code rampart-contracts} with
 * {@code <type>test-jar</type>}, {@code org.junit.jupiter:junit-jupiter} and
 * {@code io.vertx:vertx-junit5} to your plugin's test dependencies (the test-jar does not bring
 * them along), then extend this class:
 *
 * <pre>{@code
 * class MyStoreTckTest extends PersistenceTck {
 *   @TempDir Path folder; // a fresh one per test
 *
 *   @Override
 *   protected Future<PersistenceAdapter> startAdapter(Vertx vertx) {
 *     MyAdapter adapter = new MyAdapter();
 *     return adapter.start(new ExtensionContext(vertx, "tck", folder), new JsonObject())
 *         .map(adapter);
 *   }
 * }
 * }</pre>
 *
 * <p><b>Isolation.</b> {@link #startAdapter} is called once per test and must return an adapter
 * over an empty store (fresh folder, fresh schema, fresh database...). {@link #stopAdapter} is
 * called after each test; by default it calls {@link PersistenceAdapter#stop()}.
 *
 * <p><b>Usage ledger.</b> The ledger tests expect {@link PersistenceAdapter#usage()} to work; an
 * adapter that keeps no ledger overrides {@link #keepsUsageLedger()} to return {@code false}.
 *
 * <p><b>Threading and time.</b> Every store call is made on a Vert.x event-loop context, as the
 * kernel does; concurrency tests call from several event loops at once. Instants used here have
 * millisecond precision, so stores that keep microseconds (PostgreSQL) round-trip them exactly.
 * No test sleeps: expiry is checked by passing a later {@code now}.
 */
public abstract class PersistenceTck {

  /** A fixed clock origin, far enough in the future that nothing created here expires by accident. */
  protected static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  /** The UTC day of {@link #T0}. */
  protected static final LocalDate DAY0 = LocalDate.of(2030, 1, 1);

  private static final long TIMEOUT_SECONDS = 30;
  private static final String TENANT_A = "tenant-a";
  private static final String TENANT_B = "tenant-b";

  private Vertx vertx;
  private PersistenceAdapter adapter;
  private ConversationStore store;

  /** Starts an adapter over a fresh, empty, isolated store. Called once per test. */
  protected abstract Future<PersistenceAdapter> startAdapter(Vertx vertx);

  /** Stops an adapter started by {@link #startAdapter}; override to also drop its storage. */
  protected Future<Void> stopAdapter(PersistenceAdapter adapter) {
    return adapter.stop();
  }

  @BeforeEach
  final void startFreshStore() {
    vertx = Vertx.vertx();
    adapter = await(() -> startAdapter(vertx));
    store = adapter.conversations();
  }

  @AfterEach
  final void stopStore() throws Exception {
    try {
      if (adapter != null) {
        await(() -> stopAdapter(adapter));
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  // ---------------------------------------------------------------- lifecycle

  @Test
  void healthReportsUpAfterStart() {
    assertEquals(Health.Status.UP, await(() -> adapter.health()).status());
  }

  @Test
  void conversationsReturnsTheSameStoreEveryTime() {
    assertTrue(adapter.conversations() == adapter.conversations());
  }

  // ---------------------------------------------------------------- create / get / delete

  @Test
  void createdConversationIsReturnedByGetWithEveryField() {
    NewConversation wanted = new NewConversation(
        "c-1", "First chat", new JsonObject().put("source", "tck"), T0, Optional.of(now().plusSeconds(3600)));

    Conversation created = await(() -> store.create(TENANT_A, wanted));
    Conversation read = get(TENANT_A, "c-1").orElseThrow();

    Conversation expected = new Conversation("c-1", TENANT_A, "First chat",
        new JsonObject().put("source", "tck"), T0, T0, Optional.of(now().plusSeconds(3600)), 0);
    assertEquals(expected, created);
    assertEquals(expected, read);
  }

  @Test
  void conversationWithEmptyTitleAndNoExpiryRoundTrips() {
    await(() -> store.create(TENANT_A, new NewConversation("c-1", "", new JsonObject(), T0, Optional.empty())));

    Conversation read = get(TENANT_A, "c-1").orElseThrow();

    assertEquals("", read.title());
    assertEquals(new JsonObject(), read.metadata());
    assertEquals(Optional.empty(), read.expiresAt());
  }

  @Test
  void getOfUnknownIdIsEmpty() {
    assertEquals(Optional.empty(), get(TENANT_A, "no-such-id"));
  }

  @Test
  void createWithExistingIdFailsWithConflictAndKeepsTheOriginal() {
    createConversation(TENANT_A, "c-1", T0);

    RampartException error = failure(() -> store.create(TENANT_A,
        new NewConversation("c-1", "other", new JsonObject(), T0.plusSeconds(5), Optional.empty())));

    assertEquals(ErrorCode.CONFLICT, error.code());
    assertEquals("title c-1", get(TENANT_A, "c-1").orElseThrow().title());
  }

  @Test
  void createWithIdUsedByAnotherTenantFailsWithConflict() {
    createConversation(TENANT_A, "c-1", T0);

    RampartException error = failure(() -> store.create(TENANT_B,
        new NewConversation("c-1", "other", new JsonObject(), T0, Optional.empty())));

    assertEquals(ErrorCode.CONFLICT, error.code());
    assertEquals(Optional.empty(), get(TENANT_B, "c-1"));
    assertEquals(TENANT_A, get(TENANT_A, "c-1").orElseThrow().tenantId());
  }

  @Test
  void deleteRemovesTheConversationAndReportsWhetherItExisted() {
    createConversation(TENANT_A, "c-1", T0);

    assertTrue(await(() -> store.delete(TENANT_A, "c-1")));
    assertFalse(await(() -> store.delete(TENANT_A, "c-1")));
    assertEquals(Optional.empty(), get(TENANT_A, "c-1"));
    assertEquals(ErrorCode.NOT_FOUND, failure(() -> store.messages(TENANT_A, "c-1", PageRequest.first(10), now())).code());
  }

  @Test
  void deleteRemovesTheConversationsMessages() {
    createConversation(TENANT_A, "c-1", T0);
    appendMessages(TENANT_A, "c-1", 3);

    await(() -> store.delete(TENANT_A, "c-1"));
    createConversation(TENANT_A, "c-1", T0.plusSeconds(10));

    assertEquals(List.of(), allMessages(TENANT_A, "c-1", 10));
    assertEquals(1, append(TENANT_A, "c-1", "m-new", "again", T0.plusSeconds(11)).seq());
  }

  // ---------------------------------------------------------------- append / messages

  @Test
  void appendAssignsSequenceFromOneAndMessagesComeBackInOrder() {
    createConversation(TENANT_A, "c-1", T0);

    Message first = append(TENANT_A, "c-1", "m-1", "hello", T0.plusSeconds(1));
    Message second = append(TENANT_A, "c-1", "m-2", "world", T0.plusSeconds(2));
    Message third = append(TENANT_A, "c-1", "m-3", "!", T0.plusSeconds(3));

    assertEquals(List.of(1L, 2L, 3L), List.of(first.seq(), second.seq(), third.seq()));
    assertEquals(List.of(first, second, third), allMessages(TENANT_A, "c-1", 10));
    assertEquals(new Message("m-2", "c-1", 2, "user", "world", new JsonObject().put("n", 2), T0.plusSeconds(2)), second);
  }

  @Test
  void appendMovesUpdatedAtAndMessageCount() {
    createConversation(TENANT_A, "c-1", T0);

    append(TENANT_A, "c-1", "m-1", "one", T0.plusSeconds(30));
    Conversation afterOne = get(TENANT_A, "c-1").orElseThrow();
    append(TENANT_A, "c-1", "m-2", "two", T0.plusSeconds(60));
    Conversation afterTwo = get(TENANT_A, "c-1").orElseThrow();

    assertEquals(1, afterOne.messageCount());
    assertEquals(T0.plusSeconds(30), afterOne.updatedAt());
    assertEquals(2, afterTwo.messageCount());
    assertEquals(T0.plusSeconds(60), afterTwo.updatedAt());
    assertEquals(T0, afterTwo.createdAt());
  }

  @Test
  void appendAssignsGaplessSequenceUnderConcurrency() {
    createConversation(TENANT_A, "c-1", T0);
    int count = 200;

    List<Message> appended = fromSeveralEventLoops(count, i ->
        store.append(TENANT_A, "c-1", newMessage("m-" + i, "message " + i, T0.plusMillis(i + 1))));

    List<Long> seqs = appended.stream().map(Message::seq).sorted().collect(Collectors.toList());
    assertEquals(LongStream.rangeClosed(1, count).boxed().collect(Collectors.toList()), seqs);
    List<Message> listed = allMessages(TENANT_A, "c-1", 37);
    assertEquals(LongStream.rangeClosed(1, count).boxed().collect(Collectors.toList()),
        listed.stream().map(Message::seq).collect(Collectors.toList()));
    assertEquals(appended.stream().sorted(Comparator.comparingLong(Message::seq)).collect(Collectors.toList()), listed);
    assertEquals(count, get(TENANT_A, "c-1").orElseThrow().messageCount());
  }

  @Test
  void concurrentAppendsToDifferentConversationsKeepSeparateSequences() {
    createConversation(TENANT_A, "c-1", T0);
    createConversation(TENANT_B, "c-2", T0);
    int count = 100;

    List<Message> appended = fromSeveralEventLoops(count, i -> i % 2 == 0
        ? store.append(TENANT_A, "c-1", newMessage("m-" + i, "even", T0.plusMillis(i + 1)))
        : store.append(TENANT_B, "c-2", newMessage("m-" + i, "odd", T0.plusMillis(i + 1))));

    for (String conversation : List.of("c-1", "c-2")) {
      List<Long> seqs = appended.stream().filter(m -> m.conversationId().equals(conversation))
          .map(Message::seq).sorted().collect(Collectors.toList());
      assertEquals(LongStream.rangeClosed(1, count / 2).boxed().collect(Collectors.toList()), seqs, conversation);
    }
  }

  @Test
  void appendToUnknownConversationFailsWithNotFound() {
    RampartException error = failure(() -> store.append(TENANT_A, "no-such-id", newMessage("m-1", "x", T0)));

    assertEquals(ErrorCode.NOT_FOUND, error.code());
  }

  @Test
  void appendToExpiredConversationFailsWithNotFoundAndChangesNothing() {
    Instant expiry = T0.plusSeconds(60);
    await(() -> store.create(TENANT_A, new NewConversation("c-1", "t", new JsonObject(), T0, Optional.of(expiry))));
    append(TENANT_A, "c-1", "m-1", "in time", expiry.minusMillis(1));

    RampartException atExpiry = failure(() -> store.append(TENANT_A, "c-1", newMessage("m-2", "late", expiry)));
    RampartException after = failure(() -> store.append(TENANT_A, "c-1", newMessage("m-3", "later", expiry.plusSeconds(1))));

    assertEquals(ErrorCode.NOT_FOUND, atExpiry.code());
    assertEquals(ErrorCode.NOT_FOUND, after.code());
    Conversation before = get(TENANT_A, "c-1", expiry.minusMillis(1)).orElseThrow();
    assertEquals(1, before.messageCount());
    assertEquals(expiry.minusMillis(1), before.updatedAt());
  }

  @Test
  void appendWithExistingMessageIdFailsWithConflictAndChangesNothing() {
    createConversation(TENANT_A, "c-1", T0);
    createConversation(TENANT_A, "c-2", T0);
    Message original = append(TENANT_A, "c-1", "m-1", "original", T0.plusSeconds(1));
    Conversation c2Before = get(TENANT_A, "c-2").orElseThrow();

    RampartException sameConversation = failure(() -> store.append(TENANT_A, "c-1", newMessage("m-1", "dup", T0.plusSeconds(2))));
    RampartException otherConversation = failure(() -> store.append(TENANT_A, "c-2", newMessage("m-1", "dup", T0.plusSeconds(3))));

    assertEquals(ErrorCode.CONFLICT, sameConversation.code());
    assertEquals(ErrorCode.CONFLICT, otherConversation.code());
    assertEquals(List.of(original), allMessages(TENANT_A, "c-1", 10));
    assertEquals(List.of(), allMessages(TENANT_A, "c-2", 10));
    assertEquals(1, get(TENANT_A, "c-1").orElseThrow().messageCount());
    assertEquals(c2Before, get(TENANT_A, "c-2").orElseThrow());
    assertEquals(2, append(TENANT_A, "c-1", "m-2", "next", T0.plusSeconds(4)).seq());
  }

  @Test
  void messagesOfAnEmptyConversationIsAnEmptyLastPage() {
    createConversation(TENANT_A, "c-1", T0);

    Page<Message> page = await(() -> store.messages(TENANT_A, "c-1", PageRequest.first(10), now()));

    assertEquals(List.of(), page.items());
    assertEquals(Optional.empty(), page.nextCursor());
  }

  @Test
  void messagesOfUnknownConversationFailsWithNotFound() {
    RampartException error = failure(() -> store.messages(TENANT_A, "no-such-id", PageRequest.first(10), now()));

    assertEquals(ErrorCode.NOT_FOUND, error.code());
  }

  // ---------------------------------------------------------------- pagination

  @Test
  void conversationPaginationWalksEveryItemOnceNewestFirst() {
    List<String> expected = new ArrayList<>();
    // three conversations share each createdAt, so the id must break ties (descending)
    for (int second = 0; second < 9; second++) {
      for (String suffix : List.of("a", "b", "c")) {
        createConversation(TENANT_A, "c-" + second + suffix, T0.plusSeconds(second));
      }
    }
    for (int second = 8; second >= 0; second--) {
      for (String suffix : List.of("c", "b", "a")) {
        expected.add("c-" + second + suffix);
      }
    }
    createConversation(TENANT_B, "other-tenant", T0.plusSeconds(4));

    for (int limit : List.of(1, 4, 7, 27, 200)) {
      List<String> walked = allConversations(TENANT_A, limit).stream().map(Conversation::id).collect(Collectors.toList());
      assertEquals(expected, walked, "page size " + limit);
    }
  }

  @Test
  void conversationPageHonoursTheLimitAndPointsToTheNextPage() {
    IntStream.range(0, 5).forEach(i -> createConversation(TENANT_A, "c-" + i, T0.plusSeconds(i)));

    Page<Conversation> first = await(() -> store.list(TENANT_A, PageRequest.first(2), now()));

    assertEquals(List.of("c-4", "c-3"), first.items().stream().map(Conversation::id).collect(Collectors.toList()));
    assertTrue(first.nextCursor().isPresent());
  }

  @Test
  void messagePaginationWalksEveryMessageOnceInOrder() {
    createConversation(TENANT_A, "c-1", T0);
    appendMessages(TENANT_A, "c-1", 23);

    for (int limit : List.of(1, 5, 23, 200)) {
      List<Long> seqs = allMessages(TENANT_A, "c-1", limit).stream().map(Message::seq).collect(Collectors.toList());
      assertEquals(LongStream.rangeClosed(1, 23).boxed().collect(Collectors.toList()), seqs, "page size " + limit);
    }
  }

  @Test
  void listOfTenantWithoutConversationsIsAnEmptyLastPage() {
    Page<Conversation> page = await(() -> store.list(TENANT_A, PageRequest.first(10), now()));

    assertEquals(List.of(), page.items());
    assertEquals(Optional.empty(), page.nextCursor());
  }

  @Test
  void cursorNotProducedByTheStoreFailsWithInvalidCursor() {
    createConversation(TENANT_A, "c-1", T0);
    List<String> forged = List.of("", "not a cursor", "%%%", "AAAA",
        base64Url("{}"), base64Url("1"), base64Url("c-1"), base64Url("2030-01-01T00:00:00Z|c-1"));

    for (String cursor : forged) {
      PageRequest page = new PageRequest(Optional.of(cursor), 10);
      assertEquals(ErrorCode.INVALID_CURSOR, failure(() -> store.list(TENANT_A, page, now())).code(), cursor);
      assertEquals(ErrorCode.INVALID_CURSOR, failure(() -> store.messages(TENANT_A, "c-1", page, now())).code(), cursor);
    }
  }

  @Test
  void tamperedCursorFailsWithInvalidCursor() {
    IntStream.range(0, 3).forEach(i -> createConversation(TENANT_A, "c-" + i, T0.plusSeconds(i)));
    appendMessages(TENANT_A, "c-1", 3);
    String listCursor = await(() -> store.list(TENANT_A, PageRequest.first(1), now())).nextCursor().orElseThrow();
    String messageCursor = await(() -> store.messages(TENANT_A, "c-1", PageRequest.first(1), now())).nextCursor().orElseThrow();

    for (String tampered : tamperings(listCursor)) {
      assertEquals(ErrorCode.INVALID_CURSOR,
          failure(() -> store.list(TENANT_A, new PageRequest(Optional.of(tampered), 10), now())).code(), tampered);
    }
    for (String tampered : tamperings(messageCursor)) {
      assertEquals(ErrorCode.INVALID_CURSOR,
          failure(() -> store.messages(TENANT_A, "c-1", new PageRequest(Optional.of(tampered), 10), now())).code(), tampered);
    }
  }

  // ---------------------------------------------------------------- tenant isolation

  @Test
  void otherTenantCanNeitherSeeNorChangeAConversation() {
    createConversation(TENANT_A, "c-1", T0);
    Message original = append(TENANT_A, "c-1", "m-1", "secret", T0.plusSeconds(1));
    Conversation before = get(TENANT_A, "c-1").orElseThrow();

    assertEquals(Optional.empty(), get(TENANT_B, "c-1"));
    assertEquals(List.of(), allConversations(TENANT_B, 10));
    assertFalse(await(() -> store.delete(TENANT_B, "c-1")));
    assertEquals(ErrorCode.NOT_FOUND, failure(() -> store.append(TENANT_B, "c-1", newMessage("m-2", "x", T0.plusSeconds(2)))).code());
    assertEquals(ErrorCode.NOT_FOUND, failure(() -> store.messages(TENANT_B, "c-1", PageRequest.first(10), now())).code());

    assertEquals(before, get(TENANT_A, "c-1").orElseThrow());
    assertEquals(List.of(original), allMessages(TENANT_A, "c-1", 10));
  }

  @Test
  void notFoundForAnotherTenantsIdLooksLikeNotFoundForAnUnknownId() {
    createConversation(TENANT_A, "c-1", T0);

    RampartException foreign = failure(() -> store.append(TENANT_B, "c-1", newMessage("m-1", "x", T0.plusSeconds(1))));
    RampartException unknown = failure(() -> store.append(TENANT_B, "c-404", newMessage("m-2", "x", T0.plusSeconds(1))));

    assertEquals(unknown.code(), foreign.code());
    assertEquals(unknown.getMessage().replace("c-404", "c-1"), foreign.getMessage());
  }

  @Test
  void cursorFromAnotherTenantNeverRevealsTheirConversations() {
    IntStream.range(0, 4).forEach(i -> createConversation(TENANT_A, "a-" + i, T0.plusSeconds(i)));
    createConversation(TENANT_B, "b-0", T0.minusSeconds(10));
    String cursorOfA = await(() -> store.list(TENANT_A, PageRequest.first(1), now())).nextCursor().orElseThrow();

    Future<Page<Conversation>> attempt = call(() -> store.list(TENANT_B, new PageRequest(Optional.of(cursorOfA), 10), now()));
    Optional<Page<Conversation>> page = outcome(attempt);

    page.ifPresent(p -> assertTrue(p.items().stream().allMatch(c -> c.tenantId().equals(TENANT_B)), "leaked " + p.items()));
  }

  // ---------------------------------------------------------------- expiry

  @Test
  void expiredConversationIsAbsentFromGetListAndMessages() {
    Instant expiry = T0.plusSeconds(60);
    await(() -> store.create(TENANT_A, new NewConversation("short", "t", new JsonObject(), T0, Optional.of(expiry))));
    createConversation(TENANT_A, "forever", T0);
    append(TENANT_A, "short", "m-1", "x", T0.plusSeconds(1));

    assertTrue(get(TENANT_A, "short", expiry.minusMillis(1)).isPresent());
    for (Instant later : List.of(expiry, expiry.plusSeconds(3600))) {
      assertEquals(Optional.empty(), get(TENANT_A, "short", later));
      assertEquals(List.of("forever"), await(() -> store.list(TENANT_A, PageRequest.first(10), later)).items()
          .stream().map(Conversation::id).collect(Collectors.toList()));
      assertEquals(ErrorCode.NOT_FOUND, failure(() -> store.messages(TENANT_A, "short", PageRequest.first(10), later)).code());
    }
  }

  @Test
  void purgeExpiredRemovesExpiredConversationsOfEveryTenantAndLeavesLiveOnes() {
    Instant now = T0.plusSeconds(100);
    createExpiring(TENANT_A, "a-expired", now.minusSeconds(1));
    createExpiring(TENANT_A, "a-expires-now", now);
    createExpiring(TENANT_B, "b-expired", now.minusSeconds(50));
    createExpiring(TENANT_A, "a-later", now.plusSeconds(1));
    createConversation(TENANT_B, "b-forever", T0);
    append(TENANT_A, "a-expired", "m-1", "x", T0.plusSeconds(1));
    append(TENANT_A, "a-later", "m-2", "y", T0.plusSeconds(1));

    assertEquals(3, await(() -> store.purgeExpired(now)));

    // asked at a time before expiry, purged conversations are gone for good
    assertEquals(Optional.empty(), get(TENANT_A, "a-expired", T0));
    assertEquals(Optional.empty(), get(TENANT_A, "a-expires-now", T0));
    assertEquals(Optional.empty(), get(TENANT_B, "b-expired", T0));
    assertTrue(get(TENANT_A, "a-later", T0).isPresent());
    assertTrue(get(TENANT_B, "b-forever", T0).isPresent());
    assertEquals(1, allMessagesAt(TENANT_A, "a-later", T0).size());
    assertEquals(0, await(() -> store.purgeExpired(now)));
  }

  @Test
  void purgeExpiredRemovesTheirMessages() {
    Instant now = T0.plusSeconds(100);
    createExpiring(TENANT_A, "c-1", now.minusSeconds(1));
    appendMessages(TENANT_A, "c-1", 3);

    await(() -> store.purgeExpired(now));
    createConversation(TENANT_A, "c-1", now);

    assertEquals(List.of(), allMessagesAt(TENANT_A, "c-1", now));
    assertEquals(1, append(TENANT_A, "c-1", "m-new", "again", now.plusSeconds(1)).seq());
  }

  @Test
  void purgeExpiredWithNothingExpiredRemovesNothing() {
    createConversation(TENANT_A, "c-1", T0);
    createExpiring(TENANT_A, "c-2", now().plusSeconds(3600));

    assertEquals(0, await(() -> store.purgeExpired(T0.plusSeconds(10))));
    assertEquals(2, allConversations(TENANT_A, 10).size());
  }

  // ---------------------------------------------------------------- content round trips

  @Test
  void metadataRoundTripsNestedJsonAndUnicode() {
    JsonObject metadata = new JsonObject()
        .put("nested", new JsonObject().put("deeper", new JsonObject().put("list", new JsonArray().add(1).add("two").add(true))))
        .put("ünïcödé-κλειδί", "值 — 🚀")
        .put("number", 42)
        .put("fraction", 1.5)
        .put("big", 9_007_199_254_740_993L)
        .put("flag", false)
        .put("nothing", (Object) null)
        .put("quote", "she said \"hi\"\n\ttab");
    await(() -> store.create(TENANT_A, new NewConversation("c-1", "Ünïcödé 🎉", metadata, T0, Optional.empty())));
    Message appended = await(() -> store.append(TENANT_A, "c-1",
        new NewMessage("m-1", "assistant", "ok", metadata.copy(), T0.plusSeconds(1))));

    Conversation read = get(TENANT_A, "c-1").orElseThrow();

    assertEquals(metadata, read.metadata());
    assertEquals("Ünïcödé 🎉", read.title());
    assertEquals(metadata, appended.metadata());
    assertEquals(metadata, allMessages(TENANT_A, "c-1", 10).get(0).metadata());
  }

  @Test
  void contentRoundTripsUnicodeEmojiAndLargeText() {
    createConversation(TENANT_A, "c-1", T0);
    String unicode = "Grüße, 世界! 👋🏽 👨‍👩‍👧 \t\n\r and RTL עברית, math 𝔸";
    String large = "0123456789abcdéf🚀".repeat(6_000); // about 110 KB in UTF-8
    String empty = "";

    append(TENANT_A, "c-1", "m-1", unicode, T0.plusSeconds(1));
    append(TENANT_A, "c-1", "m-2", large, T0.plusSeconds(2));
    append(TENANT_A, "c-1", "m-3", empty, T0.plusSeconds(3));

    List<String> contents = allMessages(TENANT_A, "c-1", 10).stream().map(Message::content).collect(Collectors.toList());
    assertEquals(List.of(unicode, large, empty), contents);
    assertTrue(large.getBytes(StandardCharsets.UTF_8).length > 100_000);
  }

  // ---------------------------------------------------------------- usage ledger

  @Test
  void usageReturnsTheSameStoreEveryTime() {
    assumeLedger();

    assertTrue(adapter.usage() == adapter.usage());
  }

  @Test
  void theUsageLedgerAnswersOrSaysExtensionUnavailable() {
    if (keepsUsageLedger()) {
      record(TENANT_A, usage("u-1", T0, 0.5));
      assertEquals(1, totals(TENANT_A, DAY0, DAY0.plusDays(1)).get(0).requests(), "a ledger keeps what it records");
      return;
    }
    // an adapter without a ledger says so on every call, rather than dropping usage silently
    assertEquals(ErrorCode.EXTENSION_UNAVAILABLE, failure(() -> adapter.usage().record(TENANT_A, usage("u-1", T0, 0.5))).code());
    assertEquals(ErrorCode.EXTENSION_UNAVAILABLE, failure(() -> adapter.usage().totals(TENANT_A, DAY0, DAY0.plusDays(1))).code());
  }

  @Test
  void totalsSumRequestsTokensAndCostPerDayProviderAndModel() {
    assumeLedger();
    record(TENANT_A, new UsageRecord("u-1", T0.plusSeconds(10), "offline", "echo", 100, 20, 0.25));
    record(TENANT_A, new UsageRecord("u-2", T0.plusSeconds(20), "offline", "echo", 50, 5, 0.5));
    record(TENANT_A, new UsageRecord("u-3", T0.plusSeconds(30), "offline", "echo", 1, 2, 0.125));
    record(TENANT_A, new UsageRecord("u-4", T0.plusSeconds(40), "offline", "mirror", 7, 3, 1.0));
    record(TENANT_A, new UsageRecord("u-5", T0.plusSeconds(50), "remote", "echo", 1000, 2000, 3.0));

    List<UsageTotal> totals = totals(TENANT_A, DAY0, DAY0.plusDays(1));

    assertEquals(List.of(
        new UsageTotal(DAY0, "offline", "echo", 3, 151, 27, 0.875),
        new UsageTotal(DAY0, "offline", "mirror", 1, 7, 3, 1.0),
        new UsageTotal(DAY0, "remote", "echo", 1, 1000, 2000, 3.0)), totals);
  }

  @Test
  void recordingTheSameIdTwiceCountsItOnce() {
    assumeLedger();
    UsageRecord first = new UsageRecord("u-1", T0.plusSeconds(1), "offline", "echo", 10, 20, 0.5);

    record(TENANT_A, first);
    record(TENANT_A, first);
    record(TENANT_A, new UsageRecord("u-1", T0.plusSeconds(2), "offline", "echo", 999, 999, 99.0));

    assertEquals(List.of(new UsageTotal(DAY0, "offline", "echo", 1, 10, 20, 0.5)), totals(TENANT_A, DAY0, DAY0.plusDays(1)));
  }

  @Test
  void concurrentRecordsOfTheSameIdCountOnce() {
    assumeLedger();
    int distinct = 10;

    fromSeveralEventLoops(distinct * 20, i -> adapter.usage().record(TENANT_A,
        new UsageRecord("u-" + (i % distinct), T0.plusSeconds(i % distinct), "offline", "echo", 1, 2, 0.25)));

    assertEquals(List.of(new UsageTotal(DAY0, "offline", "echo", distinct, distinct, 2L * distinct, 0.25 * distinct)),
        totals(TENANT_A, DAY0, DAY0.plusDays(1)));
  }

  @Test
  void concurrentRecordsLoseNothing() {
    assumeLedger();
    int count = 400;

    // spread over two days and two models, so concurrent writers also meet in different groups
    fromSeveralEventLoops(count, i -> adapter.usage().record(TENANT_A, new UsageRecord("u-" + i,
        T0.plusSeconds(i % 2 == 0 ? 60 : 86_400 + 60), "offline", i % 4 < 2 ? "echo" : "mirror", i, 1, 0.5)));

    List<UsageTotal> totals = totals(TENANT_A, DAY0, DAY0.plusDays(2));
    assertEquals(List.of(
        new UsageTotal(DAY0, "offline", "echo", 100, sumOf(count, i -> i % 4 == 0), 100, 50.0),
        new UsageTotal(DAY0, "offline", "mirror", 100, sumOf(count, i -> i % 4 == 2), 100, 50.0),
        new UsageTotal(DAY0.plusDays(1), "offline", "echo", 100, sumOf(count, i -> i % 4 == 1), 100, 50.0),
        new UsageTotal(DAY0.plusDays(1), "offline", "mirror", 100, sumOf(count, i -> i % 4 == 3), 100, 50.0)), totals);
  }

  @Test
  void totalsAreOrderedByDayThenProviderThenModel() {
    assumeLedger();
    // recorded in an order that is none of the expected one
    record(TENANT_A, usage("u-1", T0.plusSeconds(86_400 * 2), "beta", "b", 1.0));
    record(TENANT_A, usage("u-2", T0.plusSeconds(5), "beta", "a", 1.0));
    record(TENANT_A, usage("u-3", T0.plusSeconds(86_400), "alpha", "z", 1.0));
    record(TENANT_A, usage("u-4", T0.plusSeconds(5), "alpha", "b", 1.0));
    record(TENANT_A, usage("u-5", T0.plusSeconds(86_400 * 2), "alpha", "a", 1.0));
    record(TENANT_A, usage("u-6", T0.plusSeconds(6), "alpha", "a", 1.0));
    record(TENANT_A, usage("u-7", T0.plusSeconds(86_400), "beta", "a", 1.0));

    List<String> order = totals(TENANT_A, DAY0, DAY0.plusDays(3)).stream()
        .map(t -> t.day() + " " + t.provider() + " " + t.model())
        .collect(Collectors.toList());

    assertEquals(List.of(
        "2030-01-01 alpha a", "2030-01-01 alpha b", "2030-01-01 beta a",
        "2030-01-02 alpha z", "2030-01-02 beta a",
        "2030-01-03 alpha a", "2030-01-03 beta b"), order);
  }

  @Test
  void dayBoundariesAreUtcMidnight() {
    assumeLedger();
    Instant lastSecondOfDay0 = Instant.parse("2030-01-01T23:59:59.999Z");
    Instant midnight = Instant.parse("2030-01-02T00:00:00Z");
    record(TENANT_A, usage("u-1", DAY0.atStartOfDay(ZoneOffset.UTC).toInstant(), 1.0));
    record(TENANT_A, usage("u-2", lastSecondOfDay0, 2.0));
    record(TENANT_A, usage("u-3", midnight, 4.0));

    List<UsageTotal> totals = totals(TENANT_A, DAY0, DAY0.plusDays(2));

    assertEquals(List.of(DAY0, DAY0.plusDays(1)), totals.stream().map(UsageTotal::day).collect(Collectors.toList()));
    assertEquals(List.of(2L, 1L), totals.stream().map(UsageTotal::requests).collect(Collectors.toList()));
    assertEquals(List.of(3.0, 4.0), totals.stream().map(UsageTotal::costUsd).collect(Collectors.toList()));
  }

  @Test
  void rangeIncludesFromAndExcludesToExclusive() {
    assumeLedger();
    for (int day = 0; day < 5; day++) {
      record(TENANT_A, usage("u-" + day, T0.plusSeconds(86_400L * day + 3600), day + 1.0));
    }

    List<LocalDate> days = totals(TENANT_A, DAY0.plusDays(1), DAY0.plusDays(3)).stream()
        .map(UsageTotal::day).collect(Collectors.toList());

    assertEquals(List.of(DAY0.plusDays(1), DAY0.plusDays(2)), days);
    assertEquals(List.of(DAY0.plusDays(4)), totals(TENANT_A, DAY0.plusDays(4), DAY0.plusDays(400)).stream()
        .map(UsageTotal::day).collect(Collectors.toList()));
  }

  @Test
  void emptyRangeHasNoTotals() {
    assumeLedger();
    record(TENANT_A, usage("u-1", T0.plusSeconds(60), 1.0));

    assertEquals(List.of(), totals(TENANT_A, DAY0, DAY0));
    assertEquals(List.of(), totals(TENANT_A, DAY0.plusDays(1), DAY0));
    assertEquals(List.of(), totals(TENANT_A, DAY0.plusDays(1), DAY0.plusDays(30)));
    assertEquals(List.of(), totals(TENANT_B, DAY0, DAY0.plusDays(1)));
  }

  @Test
  void otherTenantNeverSeesUsage() {
    assumeLedger();
    record(TENANT_A, new UsageRecord("u-a", T0.plusSeconds(60), "offline", "echo", 10, 10, 1.0));
    record(TENANT_B, new UsageRecord("u-b", T0.plusSeconds(60), "offline", "echo", 1, 1, 0.125));

    assertEquals(List.of(new UsageTotal(DAY0, "offline", "echo", 1, 10, 10, 1.0)), totals(TENANT_A, DAY0, DAY0.plusDays(1)));
    assertEquals(List.of(new UsageTotal(DAY0, "offline", "echo", 1, 1, 1, 0.125)), totals(TENANT_B, DAY0, DAY0.plusDays(1)));
  }

  @Test
  void costSumsKeepDecimalPrecision() {
    assumeLedger();
    int count = 1000;

    fromSeveralEventLoops(count, i -> adapter.usage().record(TENANT_A, usage("u-" + i, T0.plusMillis(i), 0.000123)));

    UsageTotal total = totals(TENANT_A, DAY0, DAY0.plusDays(1)).get(0);
    assertEquals(count, total.requests());
    assertEquals(0.123, total.costUsd(), 1e-9);
  }

  @Test
  void zeroCostAndZeroTokensAreCountedAsARequest() {
    assumeLedger();
    record(TENANT_A, new UsageRecord("u-1", T0.plusSeconds(1), "offline", "echo", 0, 0, 0.0));

    assertEquals(List.of(new UsageTotal(DAY0, "offline", "echo", 1, 0, 0, 0.0)), totals(TENANT_A, DAY0, DAY0.plusDays(1)));
  }

  // ---------------------------------------------------------------- helpers for subclasses

  /**
   * Whether the adapter keeps a usage ledger ({@link PersistenceAdapter#usage()}). Adapters
   * written before the ledger existed override this with {@code false}: the ledger tests are then
   * skipped, and one test checks that the ledger says so with {@code EXTENSION_UNAVAILABLE}.
   */
  protected boolean keepsUsageLedger() {
    return true;
  }

  /** The Vert.x instance of the current test. */
  protected final Vertx vertx() {
    return vertx;
  }

  /** The adapter of the current test. */
  protected final PersistenceAdapter adapter() {
    return adapter;
  }

  /** A "now" after everything the tests create and before anything they make expire. */
  protected static Instant now() {
    return T0.plusSeconds(86_400);
  }

  /** Runs the call on an event-loop context, as the kernel does, and waits for its result. */
  protected final <T> T await(Supplier<Future<T>> call) {
    try {
      return join(call(call));
    } catch (ExecutionException e) {
      throw new AssertionError("call failed: " + e.getCause(), e.getCause());
    }
  }

  /** Runs the call on an event-loop context and returns the RampartException it fails with. */
  protected final RampartException failure(Supplier<? extends Future<?>> call) {
    try {
      Object result = join(call(() -> call.get().map(value -> (Object) value)));
      return fail("expected a RampartException, got " + result);
    } catch (ExecutionException e) {
      return assertInstanceOf(RampartException.class, e.getCause(), "failure type");
    }
  }

  /** Starts the call on an event-loop context of this test's Vert.x. */
  protected final <T> Future<T> call(Supplier<Future<T>> call) {
    Promise<T> promise = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> {
      try {
        call.get().onComplete(promise);
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    return promise.future();
  }

  private <T> T join(Future<T> future) throws ExecutionException {
    try {
      return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no answer within " + TIMEOUT_SECONDS + " s", e);
    }
  }

  /** The page, or empty if the call failed with INVALID_CURSOR (both are acceptable answers). */
  private <T> Optional<T> outcome(Future<T> future) {
    try {
      return Optional.of(join(future));
    } catch (ExecutionException e) {
      RampartException error = assertInstanceOf(RampartException.class, e.getCause());
      assertEquals(ErrorCode.INVALID_CURSOR, error.code());
      return Optional.empty();
    }
  }

  /**
   * Starts {@code count} calls spread over several caller threads; each thread has its own
   * event loop, so the store sees truly concurrent calls. Returns the results in call order.
   */
  private <T> List<T> fromSeveralEventLoops(int count, Function<Integer, Future<T>> call) {
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<T>> pending = IntStream.range(0, count)
          .mapToObj(i -> CompletableFuture.supplyAsync(() -> call(() -> call.apply(i)), callers)
              .thenCompose(f -> f.toCompletionStage()))
          .collect(Collectors.toList());
      List<T> results = new ArrayList<>();
      for (CompletableFuture<T> each : pending) {
        results.add(each.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
      }
      return results;
    } catch (Exception e) {
      throw new AssertionError("concurrent calls failed: " + e, e);
    } finally {
      callers.shutdownNow();
    }
  }

  private void assumeLedger() {
    assumeTrue(keepsUsageLedger(), "this adapter declares that it keeps no usage ledger");
  }

  private void record(String tenant, UsageRecord record) {
    await(() -> adapter.usage().record(tenant, record));
  }

  private List<UsageTotal> totals(String tenant, LocalDate from, LocalDate toExclusive) {
    return await(() -> adapter.usage().totals(tenant, from, toExclusive));
  }

  private static UsageRecord usage(String id, Instant at, double costUsd) {
    return usage(id, at, "offline", "echo", costUsd);
  }

  private static UsageRecord usage(String id, Instant at, String provider, String model, double costUsd) {
    return new UsageRecord(id, at, provider, model, 1, 1, costUsd);
  }

  private static long sumOf(int count, IntPredicate which) {
    return IntStream.range(0, count).filter(which).asLongStream().sum();
  }

  private Optional<Conversation> get(String tenant, String id) {
    return get(tenant, id, now());
  }

  private Optional<Conversation> get(String tenant, String id, Instant at) {
    return await(() -> store.get(tenant, id, at));
  }

  private void createConversation(String tenant, String id, Instant createdAt) {
    await(() -> store.create(tenant, new NewConversation(id, "title " + id, new JsonObject(), createdAt, Optional.empty())));
  }

  private void createExpiring(String tenant, String id, Instant expiresAt) {
    await(() -> store.create(tenant, new NewConversation(id, "t", new JsonObject(), T0, Optional.of(expiresAt))));
  }

  private static NewMessage newMessage(String id, String content, Instant at) {
    return new NewMessage(id, "user", content, new JsonObject().put("n", 2), at);
  }

  private Message append(String tenant, String conversation, String id, String content, Instant at) {
    return await(() -> store.append(tenant, conversation, newMessage(id, content, at)));
  }

  private void appendMessages(String tenant, String conversation, int count) {
    for (int i = 1; i <= count; i++) {
      append(tenant, conversation, conversation + "-m-" + i, "message " + i, T0.plusMillis(i));
    }
  }

  private List<Conversation> allConversations(String tenant, int limit) {
    List<Conversation> all = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      PageRequest request = new PageRequest(cursor, limit);
      Page<Conversation> page = await(() -> store.list(tenant, request, now()));
      assertTrue(page.items().size() <= limit, "page larger than its limit");
      all.addAll(page.items());
      cursor = page.nextCursor();
      assertTrue(all.size() <= 10_000, "pagination does not end");
    } while (cursor.isPresent());
    return all;
  }

  private List<Message> allMessages(String tenant, String conversation, int limit) {
    return allMessagesAt(tenant, conversation, now(), limit);
  }

  private List<Message> allMessagesAt(String tenant, String conversation, Instant at) {
    return allMessagesAt(tenant, conversation, at, 50);
  }

  private List<Message> allMessagesAt(String tenant, String conversation, Instant at, int limit) {
    List<Message> all = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      PageRequest request = new PageRequest(cursor, limit);
      Page<Message> page = await(() -> store.messages(tenant, conversation, request, at));
      assertTrue(page.items().size() <= limit, "page larger than its limit");
      all.addAll(page.items());
      cursor = page.nextCursor();
      assertTrue(all.size() <= 10_000, "pagination does not end");
    } while (cursor.isPresent());
    return all;
  }

  private static String base64Url(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Variants of a genuine cursor: one character changed, truncated, extended. */
  private static List<String> tamperings(String cursor) {
    int middle = cursor.length() / 2;
    char replacement = cursor.charAt(middle) == 'A' ? 'B' : 'A';
    return List.of(
        cursor.substring(0, middle) + replacement + cursor.substring(middle + 1),
        cursor.substring(0, Math.max(1, cursor.length() - 4)),
        cursor + "AAAA",
        new StringBuilder(cursor).reverse().toString());
  }
}
