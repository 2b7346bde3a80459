package dev.rampart.plugins.pii.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Edges of the shortcuts the secret and wallet families take: the keyword window walked with
 * skips, and digit runs passed by on their end alone.
 */
class SecretWindowsTest {

  private static final String TOKEN = "Zx9kQ2mP8vL4nR7tY1wE5uI3oA6sD0fG";

  private final DetectionEngine engine = new DetectionEngine(EngineOptions.defaults("w"));

  private List<String> found(String text, String type) {
    return engine.scan(text).findings().stream().filter(f -> f.entityType().equals(type))
        .map(f -> text.substring(f.start(), f.end())).toList();
  }

  @Test
  void aKeywordCountsAnywhereInTheWindowAndNotBeforeIt() {
    // filler of digits and punctuation, the chars the walk skips over three at a time
    String filler = "1:2;3#4:5;6#7:8;9#0:1;2#3:4;5#6:7;8#9:0;1";
    for (int gap = 1; gap <= 31; gap++) {
      String text = "pwd" + filler.substring(0, gap - 1) + " " + TOKEN;
      // the keyword must start within the 32 chars before the token
      List<String> expected = 3 + gap <= GenericSecrets.WINDOW ? List.of(TOKEN) : List.of();
      assertEquals(expected, found(text, "GENERIC_SECRET"), text);
    }
  }

  @Test
  void aKeywordIsMatchedIgnoringCaseAtAWordStartOnly() {
    assertEquals(List.of(TOKEN), found("PassWord: " + TOKEN, "GENERIC_SECRET"));
    assertEquals(List.of(TOKEN), found("9pwd " + TOKEN, "GENERIC_SECRET"));
    // the Kelvin sign is a 'k' to the JDK's case rules
    assertEquals(List.of(TOKEN), found("to\u212Aen " + TOKEN, "GENERIC_SECRET"));
    assertEquals(List.of(), found("xpwd " + TOKEN, "GENERIC_SECRET"));
    assertEquals(List.of(), found("\u212Aey " + TOKEN, "GENERIC_SECRET"));
  }

  @Test
  void walletsAfterShortDigitRunsAreFound() {
    // BIP-350's shortest Bech32m address (14 chars), and a legacy address, among log-like numbers
    assertEquals(List.of("BC1SW50QGDZ25J"), found("at 10:34:56.123 to BC1SW50QGDZ25J ok=1", "CRYPTO_WALLET"));
    assertEquals(List.of("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"),
        found("ip=10.1.2.3 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 1", "CRYPTO_WALLET"));
    // a short digit run that a letter carries on into an address
    assertEquals(List.of("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"), found("pay 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "CRYPTO_WALLET"));
  }
}
