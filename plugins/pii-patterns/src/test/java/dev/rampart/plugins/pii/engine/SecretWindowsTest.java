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
  void aKeywordMayStartACamelCasePartOfAName() {
    assertEquals(List.of(TOKEN), found("{\"accessToken\": \"" + TOKEN + "\"}", "GENERIC_SECRET"));
    assertEquals(List.of(TOKEN), found("clientSecret: '" + TOKEN + "'", "GENERIC_SECRET"));
    assertEquals(List.of(TOKEN), found("myPassword = \"" + TOKEN + "\"", "GENERIC_SECRET"));
    // in one run with its name: the name must hold the keyword as a whole part
    assertEquals(List.of(TOKEN), found("AccountName=dev;AccountKey=" + TOKEN + ";", "GENERIC_SECRET"));
    assertEquals(List.of(TOKEN), found("authToken=" + TOKEN, "GENERIC_SECRET"));
    // not inside a lower-case word, nor where words ran together in capitals
    assertEquals(List.of(), found("monkeyId=" + TOKEN, "GENERIC_SECRET"));
    assertEquals(List.of(), found("authorId=" + TOKEN, "GENERIC_SECRET"));
    assertEquals(List.of(), found("rulesTOKEN: " + TOKEN, "GENERIC_SECRET"));
  }

  private static final String[] KEYWORDS = {"password", "passwd", "pwd", "pass", "secret", "token", "key", "apikey",
    "api_key", "api-key", "access_key", "secret_key", "client_secret", "auth", "authorization", "bearer", "credential",
    "credentials", "private_key"};

  /** The plain definition: a keyword at a word start in the window, ending by the token. */
  private static boolean keywordInWindow(String text, int token) {
    for (int i = Math.max(0, token - GenericSecrets.WINDOW); i < token; i++) {
      for (String k : KEYWORDS) {
        if (i + k.length() <= token && (i == 0 || !Character.isLetter(text.charAt(i - 1)) || text.charAt(i - 1) > 127)
            && text.regionMatches(true, i, k, 0, k.length())) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void everyKeywordCountsAtEveryPlaceOfTheWindow() {
    // the window is walked as two halves side by side, and a place is tried only when its first
    // three chars can begin a keyword: each keyword, at each distance, in either case, against
    // the plain definition ("api_key" out of the window may still hold "key" in it)
    for (String keyword : KEYWORDS) {
      for (String written : new String[] {keyword, keyword.toUpperCase(java.util.Locale.ROOT)}) {
        for (int gap = 1; gap + keyword.length() <= GenericSecrets.WINDOW + 4; gap++) {
          String text = "zq zq fm " + written + ":".repeat(gap - 1) + " " + TOKEN;
          boolean near = keywordInWindow(text, text.length() - TOKEN.length());
          assertEquals(near ? List.of(TOKEN) : List.of(), found(text, "GENERIC_SECRET"), text);
          if (written.length() + gap <= GenericSecrets.WINDOW) {
            assertEquals(List.of(TOKEN), found(text, "GENERIC_SECRET"), text);
          }
        }
      }
    }
  }

  @Test
  void aKeywordsThirdCharMayBeOneTheJdkFoldsToIt() {
    // the dotless i and the long s fold to 'i' and 's' (the prefix filter lets every non-ASCII char by)
    assertEquals(List.of(TOKEN), found("ap\u0131_key " + TOKEN, "GENERIC_SECRET"));
    assertEquals(List.of(TOKEN), found("pa\u017Fsword " + TOKEN, "GENERIC_SECRET"));
    assertEquals(List.of(TOKEN), found("cl\u0131ent_secret=" + TOKEN, "GENERIC_SECRET"));
  }

  @Test
  void anAssignedValueNeedsAKeywordNameAndTwentyChars() {
    // "key=" and a value: the shortest run searched for an assignment is 3 + 1 + 20 chars ("pwd="
    // would do too, but a password name's value is a password from six chars on: PasswordAssignments)
    for (int length = 18; length <= 22; length++) {
      String value = TOKEN.substring(0, length);
      List<String> expected = length >= 20 ? List.of(value) : List.of();
      assertEquals(expected, found("log: key=" + value + " ok", "GENERIC_SECRET"), value);
      assertEquals(expected, found("log: DB_KEY=" + value + " ok", "GENERIC_SECRET"), value);
    }
    assertEquals(List.of(), found("log: path=" + TOKEN + " ok", "GENERIC_SECRET"));
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
