package dev.rampart.plugins.pii.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextChunksTest {

  private static final int[] SHAPES = new PromptInjection().triggerShapes();

  private static List<String> chunks(String text) {
    TextChunks c = new TextChunks(text, SHAPES);
    List<String> out = new ArrayList<>();
    for (int k = 0; k < c.count(); k++) {
      out.add(text.substring(c.start(k), c.end(k)));
    }
    return out;
  }

  private static List<String> words(String text) {
    TextChunks c = new TextChunks(text, SHAPES);
    List<String> out = new ArrayList<>();
    for (int k = 0; k < c.wordCount(); k++) {
      out.add(text.substring(c.wordStart(k), c.wordEnd(k)));
    }
    return out;
  }

  @Test
  void plainWordsAreNotChunksButTriggerShapedOnesAreKeptAsWords() {
    String text = "Please ignore\tthe  weather,\nthen call +1-415\r\ntell";
    assertEquals(List.of("weather,", "+1-415"), chunks(text));
    assertEquals(List.of("ignore", "tell"), words(text));
  }

  @Test
  void classesSayWhatAChunkHolds() {
    TextChunks c = new TextChunks("a@b.c x:/1 [A_-] caf\u00e9 " + "z".repeat(20), null);
    assertEquals(5, c.count());
    assertEquals(TextChunks.LOWER | TextChunks.AT | TextChunks.DOT, c.classes(0));
    assertEquals(TextChunks.LOWER | TextChunks.COLON | TextChunks.SLASH | TextChunks.DIGIT, c.classes(1));
    assertEquals(TextChunks.DELIMITER | TextChunks.UPPER | TextChunks.UNDERSCORE | TextChunks.DASH | TextChunks.OTHER, c.classes(2));
    assertEquals(TextChunks.LOWER | TextChunks.NON_ASCII, c.classes(3));
    assertEquals(TextChunks.LOWER | TextChunks.LONG, c.classes(4));
    assertTrue((c.textClasses() & TextChunks.NON_ASCII) != 0);
  }

  @Test
  void charsAboveLatin1AreNonAsciiWhateverTheirLowByte() {
    // U+0120 and U+0131 end in the bytes of ' ' and '1': they must not split a chunk or make a digit run
    String text = "a\u0120b x\u0131y 7";
    TextChunks c = new TextChunks(text, null);
    assertEquals(List.of("a\u0120b", "x\u0131y", "7"), chunks(text));
    assertEquals(TextChunks.LOWER | TextChunks.NON_ASCII, c.classes(0));
    assertEquals(1, c.digitRunCount());
    assertEquals(List.of(text.indexOf('7'), text.length()), List.of(c.digitRunStart(0), c.digitRunEnd(0)));
  }

  @Test
  void longChunksAreMarkedEvenWhenMadeOfLettersOnly() {
    TextChunks c = new TextChunks("short " + "abcdefghij".repeat(2), SHAPES);
    assertEquals(1, c.count());
    assertEquals(TextChunks.LOWER | TextChunks.LONG, c.classes(0));
  }

  @Test
  void withoutTriggerShapesPlainWordsAreDropped() {
    assertEquals(0, new TextChunks("ignore all previous instructions", null).wordCount());
  }

  @Test
  void aScratchLeftFullByALargerTextChangesNothingForTheNextOne() {
    // a scratch reused by a thread's next scan still holds the last scan's arrays, longer and full
    String dense = "2026-11-21 ip=10.0.0.1 id=4111 1111 1111 1111 u@example.org a b c\n".repeat(3000);
    String small = "call 415 555 2671, 10.1.2.3 x9 7 8";
    ScanScratch scratch = new ScanScratch();
    new TextChunks(dense, SHAPES, scratch);
    scratch.giveBack();
    TextChunks reused = new TextChunks(small, SHAPES, scratch);
    TextChunks fresh = new TextChunks(small, SHAPES);
    assertEquals(fresh.count(), reused.count());
    for (int k = 0; k < fresh.count(); k++) {
      assertEquals(List.of(fresh.start(k), fresh.end(k), fresh.classes(k)),
          List.of(reused.start(k), reused.end(k), reused.classes(k)));
    }
    assertEquals(10, reused.digitRunCount()); // 415 555 2671, 10 1 2 3, 9, 7 8
    for (int k = 0; k < fresh.digitRunCount(); k++) {
      assertEquals(List.of(fresh.digitRunStart(k), fresh.digitRunEnd(k)),
          List.of(reused.digitRunStart(k), reused.digitRunEnd(k)));
    }
  }
}
