package dev.rampart.plugins.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.contracts.persistence.Conversation;
import dev.rampart.contracts.persistence.NewConversation;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the in-memory store promises beyond the TCK. */
class MemoryPersistenceTest {

  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  void declaresTypeMemoryAndRefusesUnknownSettings() {
    MemoryPersistence persistence = new MemoryPersistence();

    assertEquals("memory", persistence.type());
    assertEquals(false, persistence.settingsSchema().getBoolean("additionalProperties"));
  }

  @Test
  void callersCannotChangeStoredMetadataThroughTheirOwnObjects() {
    MemoryConversationStore store = new MemoryConversationStore();
    JsonObject given = new JsonObject().put("k", "v");
    Conversation created = store.create("t", new NewConversation("c-1", "", given, T0, Optional.empty())).result();

    given.put("k", "changed by caller");
    created.metadata().put("k", "changed through result");

    assertEquals(new JsonObject().put("k", "v"), store.get("t", "c-1", T0).result().orElseThrow().metadata());
  }
}
