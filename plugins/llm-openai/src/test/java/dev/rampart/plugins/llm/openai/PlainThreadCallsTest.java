package dev.rampart.plugins.llm.openai;

import static dev.rampart.plugins.llm.support.Outcomes.await;
import static dev.rampart.plugins.llm.support.Outcomes.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.llm.ChatMessage;
import dev.rampart.contracts.llm.ChatRequest;
import dev.rampart.contracts.llm.UpstreamException;
import dev.rampart.plugins.llm.support.FakeUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: calls made from a plain thread (not a Vert.x one) used to lose a request now and
 * then (about one in sixty never got an answer and hit the total time limit). Every call must get
 * its answer.
 */
class PlainThreadCallsTest {

  @TempDir Path data;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  @Test
  void manySequentialCallsFromAPlainThreadAllGetTheirAnswer() {
    FakeUpstream fake = await(FakeUpstream.start(vertx, (r, raw) ->
        FakeUpstream.json(raw, 400, new JsonObject().put("error", new JsonObject().put("type", "invalid_request_error")))));
    OpenAiProvider provider = new OpenAiProvider();
    await(provider.start(new ExtensionContext(vertx, "plain-thread", data), new JsonObject()
        .put("base-url", fake.baseUrl()).put("api-keys", new JsonArray().add("k"))
        .put("total-timeout-ms", 5000)
        .put("models", new JsonArray().add(new JsonObject().put("id", "gpt").put("context-window", 8192)))));
    ChatRequest request = new ChatRequest("gpt", List.of(ChatMessage.of("user", "x")), List.of(), new JsonObject());
    for (int i = 0; i < 300; i++) {
      UpstreamException e = failureOf(provider.complete(request));
      assertEquals(ErrorCode.VALIDATION_FAILED, e.code(), "call " + i + ": " + e.getMessage());
    }
    assertEquals(300, fake.received().size());
  }
}
