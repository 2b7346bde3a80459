package dev.rampart.platform.bus;

import static dev.rampart.platform.kernel.TestKernel.ACME_KEY;
import static dev.rampart.platform.kernel.TestKernel.GLOBEX_KEY;
import static dev.rampart.platform.kernel.TestKernel.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.contracts.bus.Addresses;
import dev.rampart.platform.kernel.TestKernel;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event-bus door and the TCP bridge: same services, same checks, same error codes. */
class BusDoorTest {

  @TempDir static Path dir;
  @AutoClose static TestKernel rampart;
  static int bridgePort;

  @BeforeAll
  static void boot() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      bridgePort = s.getLocalPort();
    }
    rampart = TestKernel.start(dir, "[" + TestKernel.BUNDLED_PLUGINS.toAbsolutePath() + "]", """
        event-bus-bridge:
          enabled: true
          host: 127.0.0.1
          port: %d
          inbound: [rampart.conversations.create, rampart.conversations.get, rampart.messages.append]
        """.formatted(bridgePort));
  }

  private static Future<JsonObject> request(String address, String key, JsonObject body) {
    DeliveryOptions options = new DeliveryOptions();
    if (key != null) {
      options.addHeader(Addresses.AUTHORIZATION_HEADER, "Bearer " + key);
    }
    return rampart.vertx.eventBus().<JsonObject>request(address, body, options).map(m -> m.body());
  }

  private static JsonObject problemOf(Exception e) {
    ReplyException reply = (ReplyException) e;
    JsonObject problem = new JsonObject(reply.getMessage());
    assertEquals(reply.failureCode(), problem.getInteger("status"));
    return problem;
  }

  @Test
  void theBusServesTheSameOperationsAsHttp() throws Exception {
    JsonObject created = await(request(Addresses.CONVERSATIONS_CREATE, ACME_KEY, new JsonObject().put("title", "via bus")));
    String id = created.getString("id");
    await(request(Addresses.MESSAGES_APPEND, ACME_KEY,
        new JsonObject().put("conversation-id", id).put("role", "user").put("content", "hi")));
    JsonObject overHttp = rampart.get("/v1/conversations/" + id, ACME_KEY).bodyAsJsonObject();
    assertEquals(1, overHttp.getInteger("message-count"));
    JsonObject page = await(request(Addresses.MESSAGES_LIST, ACME_KEY, new JsonObject().put("conversation-id", id).put("limit", 10)));
    assertEquals("hi", page.getJsonArray("items").getJsonObject(0).getString("content"));
  }

  @Test
  void theBusChecksCredentialsAndTenancyLikeHttp() {
    Exception missing = assertThrows(Exception.class, () -> await(request(Addresses.CONVERSATIONS_LIST, null, new JsonObject())));
    assertEquals("unauthenticated", problemOf(missing).getString("code"));
    assertEquals(401, ((ReplyException) missing).failureCode());
    Exception forbidden = assertThrows(Exception.class, () -> await(request(Addresses.ADMIN_TENANTS, GLOBEX_KEY, new JsonObject())));
    assertEquals("forbidden", problemOf(forbidden).getString("code"));
  }

  @Test
  void theBusValidatesAgainstTheContract() throws Exception {
    String id = await(request(Addresses.CONVERSATIONS_CREATE, ACME_KEY, new JsonObject())).getString("id");
    Exception badRole = assertThrows(Exception.class, () -> await(request(Addresses.MESSAGES_APPEND, ACME_KEY,
        new JsonObject().put("conversation-id", id).put("role", "wizard").put("content", "x"))));
    assertEquals("validation-failed", problemOf(badRole).getString("code"));
    Exception unknownField = assertThrows(Exception.class, () -> await(request(Addresses.CONVERSATIONS_CREATE, ACME_KEY,
        new JsonObject().put("title", "t").put("tenant", "globex"))));
    assertEquals("validation-failed", problemOf(unknownField).getString("code"));
    Exception badLimit = assertThrows(Exception.class, () -> await(request(Addresses.CONVERSATIONS_LIST, ACME_KEY,
        new JsonObject().put("limit", 1000))));
    assertEquals("validation-failed", problemOf(badLimit).getString("code"));
    Exception notJson = assertThrows(Exception.class, () -> await(rampart.vertx.eventBus()
        .request(Addresses.CONVERSATIONS_LIST, "hello", new DeliveryOptions().addHeader("authorization", "Bearer " + ACME_KEY))));
    assertEquals("malformed-json", problemOf(notJson).getString("code"));
    Exception otherTenant = assertThrows(Exception.class, () -> await(request(Addresses.CONVERSATIONS_GET, GLOBEX_KEY,
        new JsonObject().put("conversation-id", id))));
    assertEquals("not-found", problemOf(otherTenant).getString("code"));
  }

  @Test
  void theTcpBridgeCarriesAllowedAddressesWithTheSameCredentialCheck() throws Exception {
    NetSocket socket = await(rampart.vertx.createNetClient().connect(bridgePort, "127.0.0.1"));
    BridgeFrames frames = new BridgeFrames(socket);

    JsonObject created = await(frames.send(Addresses.CONVERSATIONS_CREATE, ACME_KEY, new JsonObject().put("title", "tcp")));
    assertEquals("message", created.getString("type"), created.encode());
    assertEquals("tcp", created.getJsonObject("body").getString("title"));

    JsonObject anonymous = await(frames.send(Addresses.CONVERSATIONS_CREATE, null, new JsonObject()));
    assertEquals("err", anonymous.getString("type"), anonymous.encode());
    assertEquals(401, anonymous.getInteger("failureCode"));
    assertEquals("unauthenticated", new JsonObject(anonymous.getString("message")).getString("code"));

    JsonObject notAllowed = await(frames.send(Addresses.ADMIN_TENANTS, ACME_KEY, new JsonObject()));
    assertEquals("err", notAllowed.getString("type"), notAllowed.encode());
    assertTrue(notAllowed.getString("message").contains("denied"), notAllowed.encode());
    socket.close();
  }

  /** The bridge's wire format: a 4-byte big-endian length, then a JSON frame. */
  static final class BridgeFrames {
    private final NetSocket socket;
    private Promise<JsonObject> pending;
    private int seq;

    BridgeFrames(NetSocket socket) {
      this.socket = socket;
      RecordParser parser = RecordParser.newFixed(4);
      parser.handler(new io.vertx.core.Handler<Buffer>() {
        int size = -1;

        @Override
        public void handle(Buffer buffer) {
          if (size == -1) {
            size = buffer.getInt(0);
            parser.fixedSizeMode(size);
          } else {
            pending.tryComplete(buffer.toJsonObject());
            size = -1;
            parser.fixedSizeMode(4);
          }
        }
      });
      socket.handler(parser);
    }

    Future<JsonObject> send(String address, String key, JsonObject body) {
      pending = Promise.promise();
      JsonObject frame = new JsonObject().put("type", "send").put("address", address)
          .put("replyAddress", "reply-" + (++seq)).put("body", body);
      if (key != null) {
        frame.put("headers", new JsonObject().put(Addresses.AUTHORIZATION_HEADER, "Bearer " + key));
      }
      Buffer json = frame.toBuffer();
      socket.write(Buffer.buffer().appendInt(json.length()).appendBuffer(json));
      return pending.future();
    }
  }
}
