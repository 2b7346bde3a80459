package dev.rampart.platform.llm;

import static dev.rampart.platform.llm.GatewayFixture.completion;
import static dev.rampart.platform.llm.GatewayFixture.key;
import static dev.rampart.platform.llm.GatewayFixture.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rampart.platform.kernel.TestKernel;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard inside the gateway: a blocked prompt or answer ends the request and gives back what
 * it held. Tenant {@code stark} may have two requests in flight and blocks employee ids.
 */
class GuardedChatTest {

  @TempDir static Path dir;
  @AutoClose static TestKernel rampart;

  @BeforeAll
  static void boot() throws Exception {
    rampart = GatewayFixture.startGuarded(dir);
  }

  private static HttpResponse<Buffer> chat(io.vertx.core.json.JsonObject body) throws Exception {
    return rampart.post("/v1/chat/completions", key("stark"), body);
  }

  @Test
  void blockedPromptsGiveTheirInFlightSlotBack() throws Exception {
    for (int i = 0; i < 5; i++) {
      ChatCompletionsTest.assertProblem(chat(completion("fast", "my id is EMP-654321")), 422, "guard-blocked");
    }
    HttpResponse<Buffer> after = chat(completion("fast", "hello"));
    assertEquals(200, after.statusCode(), after.bodyAsString());
  }

  @Test
  void anAnswerTheOutputGuardBlocksEndsTheStreamWithAGuardErrorAndGivesItsSlotBack() throws Exception {
    for (int i = 0; i < 3; i++) {
      HttpResponse<Buffer> r = chat(completion("leaky", "what is my id?").put("stream", true));
      assertEquals(200, r.statusCode(), r.bodyAsString());
      List<String> data = events(r.bodyAsString());
      assertFalse(data.contains("[DONE]"), "a blocked answer never claims to be complete");
      JsonObject error = new JsonObject(data.get(data.size() - 1)).getJsonObject("error");
      assertEquals("guard_blocked", error.getString("code"), r.bodyAsString());
      assertFalse(r.bodyAsString().contains("123456"), "the blocked entity never reaches the client");
    }
    HttpResponse<Buffer> after = chat(completion("fast", "hello").put("stream", true));
    assertEquals(200, after.statusCode(), after.bodyAsString());
    List<String> data = events(after.bodyAsString());
    assertEquals("[DONE]", data.get(data.size() - 1));
  }
}
