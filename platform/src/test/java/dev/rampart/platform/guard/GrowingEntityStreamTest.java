package dev.rampart.platform.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.guard.PiiDetector;
import dev.rampart.platform.config.PlatformConfig;
import dev.rampart.platform.guard.TextGuard.Direction;
import dev.rampart.platform.guard.TextGuard.StreamGuard;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Entities longer than any fixed hold-back: held while their detector says they are still
 * growing, never released in clear, and taken as found once they outgrow the bound.
 */
class GrowingEntityStreamTest {

  /** 1,200 characters that must never reach the client, in any piece of 8 or more. */
  static final String BODY = body(1200);
  static final String INTRO = "Here is the block you asked for: ";
  static final String OUTRO = " and some words after it, which stream on as usual.";
  static final String TEXT = INTRO + "BEGIN" + BODY + "END" + OUTRO;
  static final int BOUND = 64;

  static Vertx vertx;
  static PolicyTextGuard guard;
  static PolicyTextGuard bounded;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    guard = fixture().build(vertx);
    PlatformConfig.Guard d = PlatformConfig.Guard.defaults();
    bounded = fixture().settings(new PlatformConfig.Guard(d.maxTextChars(), d.scanDeadlineMs(), BOUND, d.hashSecret(),
        d.logMaxChars())).build(vertx);
  }

  private static GuardFixture fixture() {
    return new GuardFixture()
        .detector("fenced", new FencedBlockDetector())
        .tenant("acme", "{\"actions\": {\"SECRET_BLOCK\": {\"output\": \"redact\", \"input\": \"block\", \"storage\": \"hash\"}}}")
        .tenant("open", "{}");
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  private static String body(int length) {
    StringBuilder b = new StringBuilder(length);
    long x = 0x9E3779B97F4A7C15L;
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDFGHIJKLMOPQRSTUVWXYZ0123456789+/";
    while (b.length() < length) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      b.append(alphabet.charAt((int) Math.floorMod(x, (long) alphabet.length())));
      if (b.length() % 64 == 63) {
        b.append('\n');
      }
    }
    return b.toString();
  }

  /** Every piece the stream emitted, pushing {@code size}-character chunks. */
  private static List<String> streamed(StreamGuard stream, String text, int size, IntPredicate afterPush) {
    List<String> out = new java.util.ArrayList<>();
    for (int at = 0; at < text.length(); at += size) {
      out.add(stream.push(text.substring(at, Math.min(text.length(), at + size))));
      assertTrue(afterPush.test(Math.min(text.length(), at + size)), "after " + at);
    }
    out.add(stream.finish());
    return out;
  }

  private static void assertNoPieceOfTheBody(String emitted) {
    for (int i = 0; i + 8 <= BODY.length(); i++) {
      assertFalse(emitted.contains(BODY.substring(i, i + 8)), "body released in clear at " + i);
    }
  }

  @Test
  void aLongBlockStreamedInSmallChunksIsHeldWholeAndRedacted() {
    StreamGuard stream = guard.stream("acme", Direction.OUTPUT);
    List<String> pieces = streamed(stream, TEXT, 7, pushed -> true);
    String emitted = String.join("", pieces);
    assertEquals(INTRO + "[SECRET_BLOCK]" + OUTRO, emitted);
    assertEquals(guard.apply("acme", Direction.OUTPUT, TEXT).text(), emitted);
    assertNoPieceOfTheBody(emitted);
  }

  @Test
  void proseBeforeTheBlockStreamsWithTheSmallHoldBack() {
    StreamGuard stream = guard.stream("acme", Direction.OUTPUT);
    assertEquals(4, ((WindowedStreamGuard) stream).holdBack(), "the detector's maxEntityLength minus one");
    String prose = "plain words without any entity in them at all. ".repeat(10);
    assertEquals(prose.length() - 4, stream.push(prose).length(), "all but the hold-back is released at once");
    String during = stream.push("BEGIN" + BODY.substring(0, 600));
    assertEquals(4, during.length(), "the rest of the prose, nothing of the block");
  }

  @Test
  void pastTheBoundTheHeldTextNeverExceedsItAndTheBlockIsRedactedWhole() {
    StreamGuard stream = bounded.stream("acme", Direction.OUTPUT);
    WindowedStreamGuard windowed = (WindowedStreamGuard) stream;
    List<String> pieces = streamed(stream, TEXT, 7, pushed -> windowed.held() <= BOUND);
    String emitted = String.join("", pieces);
    assertEquals(INTRO + "[SECRET_BLOCK]" + OUTRO, emitted, "the rest of the block dropped, the text after it kept");
    assertNoPieceOfTheBody(emitted);
  }

  @Test
  void theBoundIsReachedWithinOneBoundOfTheBlocksStart() {
    StreamGuard stream = bounded.stream("acme", Direction.OUTPUT);
    StringBuilder out = new StringBuilder(stream.push(INTRO));
    out.append(stream.push("BEGIN"));
    out.append(stream.push(BODY.substring(0, BOUND - 10)));
    assertFalse(out.toString().contains("[SECRET_BLOCK]"), "still within the bound: held");
    out.append(stream.push(BODY.substring(BOUND - 10, BOUND + 10)));
    assertEquals(INTRO + "[SECRET_BLOCK]", out.toString(), "past the bound: taken as found");
  }

  @Test
  void aBlockedTypeThatOutgrowsTheBoundRefusesTheStream() {
    StreamGuard stream = bounded.stream("acme", Direction.INPUT);
    StringBuilder out = new StringBuilder();
    RampartException e = assertThrows(RampartException.class, () -> streamed(stream, TEXT, 7, pushed -> {
      return true;
    }).forEach(out::append));
    assertEquals(ErrorCode.GUARD_BLOCKED, e.code());
    assertTrue(e.getMessage().contains("SECRET_BLOCK"), e.getMessage());
    assertThrows(RampartException.class, stream::finish, "a refused stream stays refused");
  }

  @Test
  void aHashedTypePastTheBoundIsRedactedSinceHalfAnEntityCannotBeHashed() {
    StreamGuard stream = bounded.stream("acme", Direction.STORAGE);
    String emitted = String.join("", streamed(stream, TEXT, 7, pushed -> true));
    assertEquals(INTRO + "[SECRET_BLOCK]" + OUTRO, emitted);
  }

  @Test
  void theStreamEndingInsideAnOutgrownBlockEmitsNothingMoreOfIt() {
    StreamGuard stream = bounded.stream("acme", Direction.OUTPUT);
    String cut = INTRO + "BEGIN" + BODY.substring(0, 500);
    String emitted = String.join("", streamed(stream, cut, 7, pushed -> true));
    assertEquals(INTRO + "[SECRET_BLOCK]", emitted);
  }

  @Test
  void aTypeThePolicyAllowsIsNotHeldBack() {
    StreamGuard stream = guard.stream("open", Direction.OUTPUT);
    WindowedStreamGuard windowed = (WindowedStreamGuard) stream;
    String emitted = String.join("", streamed(stream, TEXT, 7, pushed -> windowed.held() <= windowed.holdBack() + 7));
    assertEquals(TEXT, emitted);
  }

  @Test
  void aDetectorNamingAnOpenEntityOfAnUndeclaredTypeFailsTheStream() {
    PolicyTextGuard lying = new GuardFixture().detector("liar", new FencedBlockDetector() {
      @Override
      public List<PiiDetector.OpenEntity> openEntities(CharSequence text) {
        return List.of(new PiiDetector.OpenEntity("SOMETHING_ELSE", 0));
      }
    }).tenant("acme", "{\"default-actions\": {\"output\": \"redact\"}}").build(vertx);
    StreamGuard stream = lying.stream("acme", Direction.OUTPUT);
    RampartException e = assertThrows(RampartException.class, () -> stream.push("some text long enough"));
    assertEquals(ErrorCode.PLUGIN_FAILED, e.code());
  }
}
