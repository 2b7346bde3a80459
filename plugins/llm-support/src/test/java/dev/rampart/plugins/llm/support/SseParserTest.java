package dev.rampart.plugins.llm.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

  private final List<SseEvent> events = new ArrayList<>();
  private final SseParser parser = new SseParser(events::add, 1024);

  @Test
  void eventsSplitAnywhereEvenInsideAUtf8CharacterAreReassembled() {
    byte[] wire = "event: delta\ndata: {\"t\":\"héllo €\"}\n\n".getBytes(StandardCharsets.UTF_8);
    for (byte b : wire) {
      parser.feed(Buffer.buffer(new byte[] {b}));
    }

    assertEquals(List.of(new SseEvent("delta", "{\"t\":\"héllo €\"}")), events);
    assertFalse(parser.hasPartialEvent());
  }

  @Test
  void crLfAndCrLineEndsCommentsAndMultiLineDataFollowTheEventStreamRules() {
    parser.feed(Buffer.buffer(": keep-alive\r\ndata: a\r\ndata:b\r\n\r\nevent: x\rdata: c\r\r"));

    assertEquals(List.of(new SseEvent("message", "a\nb"), new SseEvent("x", "c")), events);
  }

  @Test
  void anEventWithoutItsBlankLineIsPendingNotDispatched() {
    parser.feed(Buffer.buffer("data: [DONE]\n"));

    assertTrue(events.isEmpty());
    assertTrue(parser.hasPartialEvent());
  }

  @Test
  void anOverlongLineIsRefused() {
    assertThrows(IllegalStateException.class, () -> parser.feed(Buffer.buffer("data: " + "x".repeat(2000))));
  }
}
