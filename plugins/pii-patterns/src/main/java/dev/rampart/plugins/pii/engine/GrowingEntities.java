package dev.rampart.plugins.pii.engine;

import dev.rampart.contracts.guard.PiiDetector.OpenEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The entities of this detector that may outgrow the detector's {@code maxEntityLength()} and
 * that a text ends inside of (see {@link dev.rampart.contracts.guard.PiiDetector#openEntities}):
 * a PEM private key whose END line has not come yet, and whitespace-free runs touching the end of
 * the text that start like a JWT ({@code eyJ}), a URL (a scheme or {@code www.}), a long vendor
 * token ({@code github_pat_}, {@code xoxb-}, ...), an e-mail address (a local part then
 * {@code @}), or that follow a word such as "secret" or "api_key" (a generic secret, reported
 * from that word, which the engine needs to see again). Each is looked for once, from the end of
 * the text backwards or forwards, so the whole is linear in the text's length.
 *
 * <p>The character sets, prefixes and keywords are the scanners' own ({@link Urls}, {@link Emails},
 * {@link Secrets}, {@link VendorKeys}, {@link GenericSecrets}, {@link PrivateKeys}), so an entity
 * is open exactly while the engine would still extend it with the next character. Encoded
 * prompt-injection payloads are not reported: they only raise the injection score, which the
 * stream guard settles when the run ends.
 */
public final class GrowingEntities {

  private static final String[] GITHUB_PREFIXES = {"github_pat_"};

  private GrowingEntities() {}

  /**
   * The open entities in {@code s} among the {@code enabled} types, at most one per type;
   * {@code holdBack} is the entity length the stream guard holds back anyway (vendor keys no
   * longer than that are not reported).
   */
  public static List<OpenEntity> in(String s, Set<EntityType> enabled, int holdBack) {
    List<OpenEntity> out = new ArrayList<>(2);
    if (s.isEmpty()) {
      return out;
    }
    add(out, enabled, EntityType.PRIVATE_KEY, privateKeyStart(s));
    add(out, enabled, EntityType.JWT, jwtStart(s));
    add(out, enabled, EntityType.URL, prefixedRunStart(s, Urls::isUrlChar, Urls.SCHEMES, true));
    add(out, enabled, EntityType.GITHUB_TOKEN, prefixedRunStart(s, GrowingEntities::isTokenChar, GITHUB_PREFIXES, false));
    add(out, enabled, EntityType.SLACK_TOKEN, prefixedRunStart(s, GrowingEntities::isTokenChar, Secrets.SLACK_PREFIXES, false));
    add(out, enabled, EntityType.EMAIL, emailStart(s));
    add(out, enabled, EntityType.GENERIC_SECRET, earliest(secretStart(s), vendorKeyStart(s, holdBack)));
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
    int lastEnd = s.lastIndexOf(PrivateKeys.END);
    while (lastEnd >= 0 && PrivateKeys.labelEnd(s, lastEnd + PrivateKeys.END.length()) < 0) {
      lastEnd = lastEnd == 0 ? -1 : s.lastIndexOf(PrivateKeys.END, lastEnd - 1);
    }
    int checkedTo = -1; // body characters run from any header before here up to here, not to the end
    for (int b = s.indexOf(PrivateKeys.BEGIN); b >= 0; b = s.indexOf(PrivateKeys.BEGIN, b + 1)) {
      int header = PrivateKeys.labelEnd(s, b + PrivateKeys.BEGIN.length());
      if (header < 0 || lastEnd >= header) {
        continue;
      }
      int k = Math.max(header, checkedTo);
      while (k < s.length() && PrivateKeys.isBodyChar(s.charAt(k))) {
        k++;
      }
      if (k == s.length()) {
        return b;
      }
      checkedTo = k;
    }
    return -1;
  }

  /** The earliest {@code eyJ} starting a word in the base64url-and-dots run at the end, at most two dots after it. */
  static int jwtStart(String s) {
    int r = runStart(s, c -> CharClasses.isBase64Url(c) || c == '.');
    int dots = 0;
    int earliest = -1;
    // backwards, so the dots after each candidate are counted as we go
    for (int i = s.length() - 1; i >= r; i--) {
      char c = s.charAt(i);
      if (c == '.' && ++dots > 2) {
        break;
      }
      if (c == 'e' && s.startsWith("eyJ", i) && (i == 0 || !CharClasses.isWordChar(s.charAt(i - 1)))) {
        earliest = i;
      }
    }
    return earliest;
  }

  /** The earliest of {@code prefixes} (case-insensitive if so asked) starting a word in the run at the end. */
  private static int prefixedRunStart(String s, CharTest inRun, String[] prefixes, boolean ignoreCase) {
    int r = runStart(s, inRun);
    for (int i = r; i < s.length(); i++) {
      if (i > 0 && CharClasses.isWordChar(s.charAt(i - 1))) {
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
    int at = runStart(s, c -> CharClasses.isAlnum(c) || c == '-' || c == '.') - 1;
    if (at < 1 || s.charAt(at) != '@') {
      return -1;
    }
    int i = at;
    while (i > 0 && at - i <= Emails.MAX_LOCAL && Emails.isAtext(s.charAt(i - 1))) {
      i--;
    }
    return i < at ? i : -1;
  }

  /**
   * A vendor key running to the end of the text that may outgrow {@code holdBack} and is still
   * short enough for the engine to take it (at most its form's longest key).
   */
  static int vendorKeyStart(String s, int holdBack) {
    int r = runStart(s, GrowingEntities::isTokenChar);
    for (int i = r; i < s.length(); i++) {
      if (i > 0 && CharClasses.isWordChar(s.charAt(i - 1))) {
        continue;
      }
      int longest = VendorKeys.longestFrom(s, i);
      if (longest > holdBack && s.length() - i <= longest) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The earliest secret keyword within the window before a token running to the end of the text,
   * or the start of a {@code NAME=value} run whose name holds a keyword and whose value runs to
   * the end (the engine needs the name to see the value as a secret).
   */
  static int secretStart(String s) {
    int r = runStart(s, c -> CharClasses.is(c, CharClasses.SECRET));
    if (r == s.length()) {
      return -1;
    }
    if (s.length() - r <= GenericSecrets.MAX_LENGTH) {
      int keyword = GenericSecrets.keywordStart(s, Math.max(0, r - GenericSecrets.WINDOW), r, false);
      if (keyword >= 0) {
        return keyword;
      }
    }
    int value = GenericSecrets.assignedValueStart(s, r, s.length());
    return value > 0 && s.length() - value <= GenericSecrets.MAX_LENGTH ? r : -1;
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

  private static boolean isTokenChar(char c) {
    return CharClasses.isAlnum(c) || c == '-' || c == '_';
  }
}
