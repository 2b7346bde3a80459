package dev.rampart.platform.llm;

import static dev.rampart.platform.kernel.TestKernel.ACME_KEY;
import static dev.rampart.platform.kernel.TestKernel.await;
import static dev.rampart.platform.llm.GatewayFixture.completion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.contracts.bus.Addresses;
import dev.rampart.platform.kernel.TestKernel;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chat service on the event bus: request/reply, and streams delivered to the caller's address. */
class ChatBusTest {

  @TempDir static Path dir;
  @AutoClose static TestKernel rampart;

  @BeforeAll
  static void boot() throws Exception {
    rampart = GatewayFixture.start(dir);
  }

  private static DeliveryOptions credential() {
    return new DeliveryOptions().addHeader(Addresses.AUTHORIZATION_HEADER, "Bearer " + ACME_KEY);
  }

  @Test
  void aChatOnTheBusRepliesWithTheSameAnswerAsHttp() throws Exception {
    JsonObject answer = await(rampart.vertx.eventBus().<JsonObject>request(Addresses.CHAT, completion("fast", "hello"), credential())).body();
    assertEquals("Hello from alpha", answer.getJsonObject("message").getString("content"));
    assertEquals("alpha", answer.getJsonObject("routing").getString("provider"));
    assertTrue(answer.getJsonObject("usage").getLong("total-tokens") > 0);
  }

  @Test
  void aBusChatFailsWithTheProblemCodeAsOverHttp() {
    ReplyException e = assertThrows(ReplyException.class, () -> await(
        rampart.vertx.eventBus().request(Addresses.CHAT, completion("no-such-model", "hello"), credential())));
    assertEquals(404, e.failureCode());
    assertEquals("model-not-found", new JsonObject(e.getMessage()).getString("code"));
  }

  @Test
  void aStreamedBusChatDeliversAcknowledgedChunksThenTheEndToTheCallersAddress() throws Exception {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    Promise<Void> ended = Promise.promise();
    String address = "rampart.stream.acme.chunks";
    MessageConsumer<JsonObject> consumer = rampart.vertx.eventBus().consumer(address, m -> {
      received.add(m.body().copy().put("stream-id", m.headers().get(Addresses.STREAM_ID_HEADER)));
      m.reply(null);
      if (!"chunk".equals(m.body().getString("type"))) {
        ended.tryComplete();
      }
    });
    await(consumer.completion());
    try {
      JsonObject start = await(rampart.vertx.eventBus().<JsonObject>request(Addresses.CHAT_STREAM, completion("fast", "hello"),
          credential().addHeader(Addresses.STREAM_TO_HEADER, address))).body();
      assertEquals("alpha", start.getJsonObject("routing").getString("provider"));
      await(ended.future());
      JsonObject last = received.get(received.size() - 1);
      assertEquals("end", last.getString("type"));
      assertEquals("stop", last.getString("finish-reason"));
      StringBuilder text = new StringBuilder();
      received.stream().filter(e -> "chunk".equals(e.getString("type"))).forEach(e -> text.append(e.getString("delta")));
      assertEquals("Hello from alpha", text.toString());
      assertTrue(received.stream().allMatch(e -> start.getString("stream-id").equals(e.getString("stream-id"))));
    } finally {
      await(consumer.unregister());
    }
  }

  @Test
  void aStreamedBusChatThatBreaksEndsWithAnErrorMessage() throws Exception {
    Promise<JsonObject> last = Promise.promise();
    String address = "rampart.stream.acme.broken";
    MessageConsumer<JsonObject> consumer = rampart.vertx.eventBus().consumer(address, m -> {
      m.reply(null);
      if (!"chunk".equals(m.body().getString("type"))) {
        last.tryComplete(m.body());
      }
    });
    await(consumer.completion());
    try {
      await(rampart.vertx.eventBus().request(Addresses.CHAT_STREAM, completion("late", "hello"),
          credential().addHeader(Addresses.STREAM_TO_HEADER, address)));
      JsonObject error = await(last.future());
      assertEquals("error", error.getString("type"));
      assertEquals("upstream-failed", error.getJsonObject("problem").getString("code"));
    } finally {
      await(consumer.unregister());
    }
  }

  @Test
  void aStreamRequestWithoutAnAddressForTheChunksIsRefused() {
    ReplyException e = assertThrows(ReplyException.class, () -> await(
        rampart.vertx.eventBus().request(Addresses.CHAT_STREAM, completion("fast", "hello"), credential())));
    assertEquals(400, e.failureCode());
    assertInstanceOf(String.class, new JsonObject(e.getMessage()).getString("detail"));
  }

  @Test
  void chunksCanOnlyBeSentToTheCallersOwnTenantAddresses() {
    for (String elsewhere : java.util.List.of("rampart.stream.globex.sink", "rampart.conversations.create", "rampart.stream.acme.")) {
      ReplyException e = assertThrows(ReplyException.class, () -> await(rampart.vertx.eventBus()
          .request(Addresses.CHAT_STREAM, completion("fast", "hello"), credential().addHeader(Addresses.STREAM_TO_HEADER, elsewhere))));
      assertEquals(400, e.failureCode(), elsewhere);
      assertEquals("validation-failed", new JsonObject(e.getMessage()).getString("code"));
    }
  }
}
