package dev.rampart.plugins.pii;

import dev.rampart.contracts.guard.PiiDetector.OpenEntity;
import dev.rampart.plugins.pii.engine.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The entities of this detector that may outgrow {@link PatternPiiDetector#MAX_ENTITY_LENGTH} and
 * that a text ends inside of (see {@link dev.rampart.contracts.guard.PiiDetector#openEntities}):
 * a PEM private key whose END line has not come yet, and whitespace-free runs touching the end of
 * the text that start like a JWT ({@code eyJ}), a URL (a scheme or {@code www.}), a long vendor
 * token ({@code github_pat_}, {@code xoxb-}, ...), an e-mail address (a local part then
 * {@code @}), or that follow a word such as "secret" or "api_key" (a generic secret, reported
 * from that word, which the engine needs to see again). Each is looked for once, from the end of
 * the text backwards or forwards, so the whole is linear in the text's length.
 *
 * <p>The character sets mirror the engine's scanners (and must stay in step with them): an entity
 * is open exactly while the engine would still extend it with the next character. Encoded
 * prompt-injection payloads are not reported: they only raise the injection score, which the
 * stream guard settles when the run ends.
 */
final class GrowingEntities {

  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String LABEL_TAIL = "PRIVATE KEY-----";
  private static final int MAX_LABEL = 40;
  /** The engine's longest generic secret; a longer run is no longer one. */
  private static final int MAX_SECRET = 512;
  /** How far before a token the engine looks for a keyword. */
  private static final int KEYWORD_WINDOW = 32;
  private static final int MAX_LOCAL = 64;
  private static final String[] URL_SCHEMES = {"https://", "http://", "ftp://", "www."};
  private static final String[] GITHUB_PREFIXES = {"github_pat_"};
  private static final String[] SLACK_PREFIXES = {"xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxo-", "xapp-"};
  /** Vendor keys that outgrow the hold-back (the engine's VendorKeys): OpenAI project and Anthropic keys. */
  private static final String[] LONG_VENDOR_PREFIXES = {"sk-proj-", "sk-svcacct-", "sk-admin-", "sk-ant-"};
  /** The engine's generic-secret keywords (GenericSecrets), lower case. */
  private static final String[] SECRET_KEYWORDS = {
    "password", "passwd", "pwd", "pass", "secret", "token", "key", "apikey", "api_key", "api-key",
    "access_key", "secret_key", "client_secret", "auth", "authorization", "bearer", "credential",
    "credentials", "private_key"
  };

  private GrowingEntities() {}

  /** The open entities in {@code s} among the {@code enabled} types, at most one per type. */
  static List<OpenEntity> in(String s, Set<EntityType> enabled) {
    List<OpenEntity> out = new ArrayList<>(2);
    if (s.isEmpty()) {
      return out;
    }
    add(out, enabled, EntityType.PRIVATE_KEY, privateKeyStart(s));
    add(out, enabled, EntityType.JWT, jwtStart(s));
    add(out, enabled, EntityType.URL, prefixedRunStart(s, GrowingEntities::isUrlChar, URL_SCHEMES, true));
    add(out, enabled, EntityType.GITHUB_TOKEN, prefixedRunStart(s, GrowingEntities::isTokenChar, GITHUB_PREFIXES, false));
    add(out, enabled, EntityType.SLACK_TOKEN, prefixedRunStart(s, GrowingEntities::isTokenChar, SLACK_PREFIXES, false));
    add(out, enabled, EntityType.EMAIL, emailStart(s));
    add(out, enabled, EntityType.GENERIC_SECRET,
        earliest(secretStart(s), prefixedRunStart(s, GrowingEntities::isTokenChar, LONG_VENDOR_PREFIXES, false)));
    return out;
  }

  /** The smaller of two starts, either of which may be -1 (none). */
  private static int earliest(int a, int b) {
    return a < 0 ? b : b < 0 ? a : Math.min(a, b);
  }

  private static void add(List<OpenEntity> out, Set<EntityType> enabled, EntityType type, int start) {
    if (start >= 0 && enabled.contains(type)) {
      out.add(new OpenEntity(type.name(), start));
    }
  }

  /**
   * The earliest {@code -----BEGIN ...PRIVATE KEY-----} line with no END line after it whose body
   * (base64 and the separators the engine skips) runs to the end of the text; -1 if none.
   */
  static int privateKeyStart(String s) {
    // the last END line that is whole: one still being written is body to the engine
    int lastEnd = s.lastIndexOf(END);
    while (lastEnd >= 0 && labelEnd(s, lastEnd + END.length()) < 0) {
      lastEnd = lastEnd == 0 ? -1 : s.lastIndexOf(END, lastEnd - 1);
    }
    int checkedTo = -1; // body characters run from any header before here up to here, not to the end
    for (int b = s.indexOf(BEGIN); b >= 0; b = s.indexOf(BEGIN, b + 1)) {
      int header = labelEnd(s, b + BEGIN.length());
      if (header < 0 || lastEnd >= header) {
        continue;
      }
      int k = Math.max(header, checkedTo);
      while (k < s.length() && isKeyBodyChar(s.charAt(k))) {
        k++;
      }
      if (k == s.length()) {
        return b;
      }
      checkedTo = k;
    }
    return -1;
  }

  private static int labelEnd(String s, int from) {
    int limit = Math.min(s.length(), from + MAX_LABEL + LABEL_TAIL.length());
    for (int k = from; k < limit; k++) {
      char c = s.charAt(k);
      if (c == 'P' && s.startsWith(LABEL_TAIL, k)) {
        return k + LABEL_TAIL.length();
      }
      if (!(isUpper(c) || c == ' ' || isDigit(c))) {
        return -1;
      }
    }
    return -1;
  }

  private static boolean isKeyBodyChar(char c) {
    return isAlnum(c) || c == '+' || c == '/' || c == '=' || c == '\n' || c == '\r' || c == ' '
        || c == ':' || c == '-' || c == ',';
  }

  /** The earliest {@code eyJ} starting a word in the base64url-and-dots run at the end, at most two dots after it. */
  static int jwtStart(String s) {
    int r = runStart(s, c -> isBase64Url(c) || c == '.');
    int dots = 0;
    int earliest = -1;
    // backwards, so the dots after each candidate are counted as we go
    for (int i = s.length() - 1; i >= r; i--) {
      char c = s.charAt(i);
      if (c == '.' && ++dots > 2) {
        break;
      }
      if (c == 'e' && s.startsWith("eyJ", i) && (i == 0 || !isWordChar(s.charAt(i - 1)))) {
        earliest = i;
      }
    }
    return earliest;
  }

  /** The earliest of {@code prefixes} (case-insensitive if so asked) starting a word in the run at the end. */
  private static int prefixedRunStart(String s, CharTest inRun, String[] prefixes, boolean ignoreCase) {
    int r = runStart(s, inRun);
    for (int i = r; i < s.length(); i++) {
      if (i > 0 && isWordChar(s.charAt(i - 1))) {
        continue;
      }
      for (String p : prefixes) {
        if (s.regionMatches(ignoreCase, i, p, 0, p.length())) {
          return i;
        }
      }
    }
    return -1;
  }

  /** The local part before an {@code @} whose domain runs to the end of the text. */
  static int emailStart(String s) {
    int at = runStart(s, c -> isAlnum(c) || c == '-' || c == '.') - 1;
    if (at < 1 || s.charAt(at) != '@') {
      return -1;
    }
    int i = at;
    while (i > 0 && at - i <= MAX_LOCAL && isAtext(s.charAt(i - 1))) {
      i--;
    }
    return i < at ? i : -1;
  }

  /** The earliest secret keyword within the window before a token running to the end of the text. */
  static int secretStart(String s) {
    int r = runStart(s, GrowingEntities::isSecretChar);
    if (r == s.length() || s.length() - r > MAX_SECRET) {
      return -1;
    }
    for (int k = Math.max(0, r - KEYWORD_WINDOW); k < r; k++) {
      if (k > 0 && isLetter(s.charAt(k - 1))) {
        continue;
      }
      for (String w : SECRET_KEYWORDS) {
        if (k + w.length() <= r && s.regionMatches(true, k, w, 0, w.length())
            && !s.startsWith("-----", k + w.length())) {
          return k;
        }
      }
    }
    return -1;
  }

  @FunctionalInterface
  private interface CharTest {
    boolean test(char c);
  }

  /** Where the run of {@code inRun} characters that ends the text starts ({@code s.length()} if none). */
  private static int runStart(String s, CharTest inRun) {
    int i = s.length();
    while (i > 0 && inRun.test(s.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isAlnum(char c) {
    return isDigit(c) || isLetter(c);
  }

  private static boolean isWordChar(char c) {
    return c < 128 ? isAlnum(c) || c == '_' : Character.isLetterOrDigit(c);
  }

  private static boolean isBase64Url(char c) {
    return isAlnum(c) || c == '-' || c == '_';
  }

  private static boolean isTokenChar(char c) {
    return isAlnum(c) || c == '-' || c == '_';
  }

  private static boolean isUrlChar(char c) {
    return c > ' ' && c < 127 && "\"<>\\^`{|}".indexOf(c) < 0;
  }

  private static boolean isAtext(char c) {
    return isAlnum(c) || "!#$%&'*+/=?^_`{|}~.-".indexOf(c) >= 0;
  }

  private static boolean isSecretChar(char c) {
    return isAlnum(c) || c == '_' || c == '-' || c == '+' || c == '/' || c == '=' || c == '.' || c == '~';
  }
}
