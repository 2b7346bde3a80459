package dev.rampart.plugins.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.guard.Finding;
import dev.rampart.contracts.guard.PiiDetector.OpenEntity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Entities longer than {@link PatternPiiDetector#maxEntityLength()} are reported as growing at
 * every prefix of a text that ends inside them (past that length), and no longer once whole.
 */
class GrowingEntitiesTest {

  static final String PEM = pem();
  static final String JWT = jwt();

  private static PatternPiiDetector started(JsonObject settings) {
    PatternPiiDetector d = new PatternPiiDetector();
    assertTrue(d.start(new ExtensionContext(null, "patterns", Path.of(".")), settings).succeeded());
    return d;
  }

  private static String pem() {
    StringBuilder b = new StringBuilder("-----BEGIN RSA PRIVATE KEY-----\n");
    long x = 0x2545F4914F6CDD1DL;
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int line = 0; line < 27; line++) {
      for (int i = 0; i < 64; i++) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        b.append(alphabet.charAt((int) Math.floorMod(x, 64L)));
      }
      b.append('\n');
    }
    return b.append("-----END RSA PRIVATE KEY-----").toString();
  }

  private static String jwt() {
    Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
    String header = enc.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload = enc.encodeToString(("{\"sub\":\"1234567890\",\"scope\":\"" + "read:things write:things ".repeat(40)
        + "\"}").getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
  }

  /** At every prefix ending 64 or more chars into {@code entity}, it is reported open from its start. */
  private static void assertOpenWhileGrowing(String text, String entity, String type) {
    PatternPiiDetector d = started(new JsonObject());
    int from = text.indexOf(entity);
    for (int end = from + 64; end < from + entity.length(); end++) { // every kind is recognisable by then, well under 160
      List<OpenEntity> open = d.openEntities(text.substring(0, end));
      assertTrue(open.contains(new OpenEntity(type, from)), "prefix of " + (end - from) + " chars: " + open);
    }
    List<Finding> found = d.detect(text);
    assertTrue(found.stream().anyMatch(f -> f.entityType().equals(type) && f.start() == from
        && f.end() == from + entity.length()), "whole: " + found);
    assertTrue(d.openEntities(text).stream().noneMatch(o -> o.entityType().equals(type)), "no longer open once whole");
  }

  @Test
  void aPemKeyIsGrowingFromItsBeginLineUntilItsEndLine() {
    assertTrue(PEM.length() > 1700);
    assertOpenWhileGrowing("Sure, here it is:\n" + PEM + "\nKeep it safe.", PEM, "PRIVATE_KEY");
  }

  @Test
  void aJwtIsGrowingWhileItsRunTouchesTheEnd() {
    assertTrue(JWT.length() > 1000);
    assertOpenWhileGrowing("Authorization: Bearer " + JWT + " is the header.", JWT, "JWT");
  }

  @Test
  void aLongUrlTokenAndAddressAreGrowingUntilTheirRunEnds() {
    String url = "https://example.com/callback?state=" + "a1b2c3d4".repeat(40);
    assertOpenWhileGrowing("open " + url + " now", url, "URL");
    String slack = "xoxb-1234-5678-" + "AbCdEfGh".repeat(25);
    assertOpenWhileGrowing("bot " + slack + " ok", slack, "SLACK_TOKEN");
    String openAi = "sk-proj-" + "Zx81QpLm02Vb7Tn4".repeat(11); // 184 chars, longer than the hold-back
    assertOpenWhileGrowing("use " + openAi + " ok", openAi, "GENERIC_SECRET");
  }

  @Test
  void aGenericSecretIsGrowingFromTheKeywordBeforeIt() {
    String token = "Zx81QpLm02Vb7Tn4".repeat(12);
    String text = "the api_key = " + token;
    PatternPiiDetector d = started(new JsonObject());
    assertEquals(List.of(new OpenEntity("GENERIC_SECRET", 4)), d.openEntities(text), "from api_key, which the scan needs");
    assertEquals(List.of(), d.openEntities(text + " "), "a run ended by a space is whole");
  }

  @Test
  void anAssignedSecretIsGrowingFromItsName() {
    String value = "Zx81QpLm02Vb7Tn4".repeat(15); // 240 chars, longer than the hold-back
    String text = "export DB_PASSWORD=" + value;
    PatternPiiDetector d = started(new JsonObject());
    for (int end = text.indexOf('=') + 2; end <= text.length(); end += 17) {
      assertEquals(List.of(new OpenEntity("GENERIC_SECRET", 7)), d.openEntities(text.substring(0, end)), "prefix " + end);
    }
    assertEquals(List.of(), d.openEntities(text + " "), "a run ended by a space is whole");
    assertEquals(List.of(), d.openEntities("the author_id=" + value), "author_id holds no keyword as a word");
  }

  @Test
  void aVendorKeyLongerThanItsFormIsNotGrowing() {
    PatternPiiDetector d = started(new JsonObject());
    String key = "sk-proj-" + "Zx81QpLm02Vb7Tn4".repeat(11);
    assertEquals(List.of(new OpenEntity("GENERIC_SECRET", 4)), d.openEntities("use " + key));
    assertEquals(List.of(), d.openEntities("use " + key + "Zx81QpLm02Vb7Tn4".repeat(3)), "past 200 chars the engine takes none");
  }

  @Test
  void proseIsNeverGrowing() {
    PatternPiiDetector d = started(new JsonObject());
    String prose = "Plain words, without any entity in them at all; they stream on (as ever). Numbers like 42 too. ";
    for (int end = 0; end <= prose.length(); end++) {
      assertEquals(List.of(), d.openEntities(prose.substring(0, end)), "prefix " + end);
    }
  }

  @Test
  void aClosedKeyThenProseIsNotGrowingAndABrokenBodyEndsTheKey() {
    PatternPiiDetector d = started(new JsonObject());
    assertEquals(List.of(), d.openEntities(PEM + "\nThat was the key."));
    assertEquals(List.of(), d.openEntities("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN. Then prose"), "a '.' ends the body");
  }

  @Test
  void disabledTypesAreNotReported() {
    PatternPiiDetector d = started(new JsonObject().put("entity-types", new JsonArray().add("EMAIL")));
    assertEquals(List.of(), d.openEntities("key: " + PEM.substring(0, 500)));
  }

  @Test
  void theLongestEntitySeenWithoutHelpIsAnInjectionPhraseWindow() {
    assertEquals(160, started(new JsonObject()).maxEntityLength());
  }
}
