package dev.rampart.platform.guard;

import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.guard.Finding;
import dev.rampart.contracts.guard.PiiDetector;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small detector built into the platform for log lines: e-mail addresses, card numbers (Luhn),
 * AWS access keys, JWTs, PEM private keys, bearer tokens, well-known API-key prefixes and
 * {@code password=…}-style assignments. It runs on every log line, also before the detector
 * plugins have started, so even boot logs are safe; once they run, it still runs beside them
 * (secrets are always redacted from logs).
 *
 * <p>Hand-written scanners, each linear in the text: every scanner either moves past what it
 * examined or examines a bounded number of characters per position. No regular expressions, so
 * no backtracking.
 */
final class BuiltInSecrets {

  static final String DETECTOR = "built-in";

  private static final String[] KEY_PREFIXES = {
      "sk-", "sk_live_", "sk_test_", "rk_live_", "rk_test_", "rk_dev_", "ghp_", "gho_", "ghs_", "github_pat_",
      "xoxb-", "xoxp-", "xoxa-", "xoxs-", "AIza", "glpat-", "gsk_", "xai-", "r8_", "hf_", "npm_"};
  private static final String[] AWS_PREFIXES = {"AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA"};
  private static final String[] SECRET_WORDS = {
      "password", "passwd", "pwd", "secret", "client_secret", "api_key", "api-key", "apikey", "access_token",
      "refresh_token", "token", "private_key", "authorization"};
  private static final int MIN_TOKEN = 16;

  static final Set<String> TYPES = Set.of("EMAIL", "CREDIT_CARD", "AWS_ACCESS_KEY", "JWT", "PRIVATE_KEY", "GENERIC_SECRET");

  private BuiltInSecrets() {}

  /** The same patterns behind the detector interface, so they run with the guard's deadline and checks. */
  static final class AsDetector implements PiiDetector {
    @Override
    public String type() {
      return DETECTOR;
    }

    @Override
    public Future<Void> start(ExtensionContext context, JsonObject settings) {
      return Future.succeededFuture();
    }

    @Override
    public Set<String> entityTypes() {
      return TYPES;
    }

    @Override
    public List<Finding> detect(CharSequence text) {
      return find(text.toString());
    }
  }

  static List<Finding> find(String text) {
    List<Finding> out = new ArrayList<>();
    emails(text, out);
    cards(text, out);
    awsKeys(text, out);
    jwts(text, out);
    privateKeys(text, out);
    prefixedKeys(text, out);
    bearerTokens(text, out);
    assignments(text, out);
    return out;
  }

  private static void emails(String s, List<Finding> out) {
    for (int at = s.indexOf('@'); at >= 0; at = s.indexOf('@', at + 1)) {
      int left = at;
      while (left > 0 && at - left < 64 && isLocal(s.charAt(left - 1))) {
        left--;
      }
      int right = at + 1;
      while (right < s.length() && right - at <= 253 && isDomain(s.charAt(right))) {
        right++;
      }
      while (right > at + 1 && (s.charAt(right - 1) == '.' || s.charAt(right - 1) == '-')) {
        right--;
      }
      int dot = right - 1;
      while (dot > at && s.charAt(dot) != '.') {
        dot--;
      }
      if (left < at && dot > at + 1 && right - dot > 2 && Character.isLetter(s.charAt(right - 1))) {
        out.add(new Finding("EMAIL", left, right, 0.9, DETECTOR));
        at = right - 1;
      }
    }
  }

  private static void cards(String s, List<Finding> out) {
    int i = 0;
    while (i < s.length()) {
      if (!isDigit(s.charAt(i)) || (i > 0 && Character.isLetterOrDigit(s.charAt(i - 1)))) {
        i++;
        continue;
      }
      int j = i;
      int digits = 0;
      while (j < s.length()) {
        char c = s.charAt(j);
        if (isDigit(c)) {
          digits++;
          j++;
        } else if ((c == ' ' || c == '-') && j + 1 < s.length() && isDigit(s.charAt(j + 1))) {
          j++;
        } else {
          break;
        }
      }
      boolean bounded = j == s.length() || !Character.isLetter(s.charAt(j));
      if (digits >= 13 && digits <= 19 && bounded && luhn(s, i, j)) {
        out.add(new Finding("CREDIT_CARD", i, j, 0.85, DETECTOR));
      }
      i = Math.max(j, i + 1);
    }
  }

  private static void awsKeys(String s, List<Finding> out) {
    for (int i = 0; i + 20 <= s.length(); i++) {
      if (!startsAny(s, i, AWS_PREFIXES) || !boundaryBefore(s, i)) {
        continue;
      }
      int j = i + 4;
      while (j < i + 20 && (isUpper(s.charAt(j)) || isDigit(s.charAt(j)))) {
        j++;
      }
      if (j == i + 20 && (j == s.length() || !Character.isLetterOrDigit(s.charAt(j)))) {
        out.add(new Finding("AWS_ACCESS_KEY", i, j, 0.95, DETECTOR));
        i = j - 1;
      }
    }
  }

  private static void jwts(String s, List<Finding> out) {
    int i = s.indexOf("eyJ");
    while (i >= 0) {
      int header = base64Run(s, i);
      int end = -1;
      if (header - i >= 10 && header < s.length() && s.charAt(header) == '.') {
        int payload = base64Run(s, header + 1);
        if (payload - header > 10 && payload < s.length() && s.charAt(payload) == '.') {
          end = base64Run(s, payload + 1);
        }
      }
      if (end > 0 && boundaryBefore(s, i)) {
        out.add(new Finding("JWT", i, end, 0.95, DETECTOR));
        i = s.indexOf("eyJ", end);
      } else {
        // any "eyJ" inside the run just examined ends at the same place and fails the same way
        i = s.indexOf("eyJ", Math.max(header, i + 1));
      }
    }
  }

  private static void privateKeys(String s, List<Finding> out) {
    int i = s.indexOf("-----BEGIN ");
    while (i >= 0) {
      int label = s.indexOf("PRIVATE KEY-----", i);
      if (label < 0) {
        return;
      }
      if (label - i > 64) {
        i = s.indexOf("-----BEGIN ", i + 11);
        continue;
      }
      int endMarker = s.indexOf("-----END", label);
      int end = s.length();
      if (endMarker >= 0) {
        int close = s.indexOf("-----", endMarker + 8);
        end = close < 0 ? s.length() : close + 5;
      }
      out.add(new Finding("PRIVATE_KEY", i, end, 0.99, DETECTOR));
      i = s.indexOf("-----BEGIN ", end);
    }
  }

  private static void prefixedKeys(String s, List<Finding> out) {
    for (int i = 0; i < s.length(); i++) {
      String prefix = prefixAt(s, i, KEY_PREFIXES);
      if (prefix == null || !boundaryBefore(s, i)) {
        continue;
      }
      int end = tokenRun(s, i + prefix.length());
      if (end - i - prefix.length() >= 10) {
        out.add(new Finding("GENERIC_SECRET", i, end, 0.9, DETECTOR));
        i = end - 1;
      }
    }
  }

  private static void bearerTokens(String s, List<Finding> out) {
    for (int i = 0; i + 7 < s.length(); i++) {
      if (!s.regionMatches(true, i, "bearer ", 0, 7) || !boundaryBefore(s, i)) {
        continue;
      }
      int start = i + 7;
      while (start < s.length() && s.charAt(start) == ' ') {
        start++;
      }
      int end = tokenRun(s, start);
      if (end - start >= MIN_TOKEN) {
        out.add(new Finding("GENERIC_SECRET", start, end, 0.9, DETECTOR));
        i = end - 1;
      }
    }
  }

  private static void assignments(String s, List<Finding> out) {
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.length() != s.length()) {
      lower = asciiLower(s);
    }
    for (int i = 0; i < s.length(); i++) {
      String word = prefixAt(lower, i, SECRET_WORDS);
      if (word == null || !boundaryBefore(s, i)) {
        continue;
      }
      int j = i + word.length();
      j = skip(s, j, "\"' ");
      if (j >= s.length() || (s.charAt(j) != '=' && s.charAt(j) != ':')) {
        continue;
      }
      int start = skip(s, j + 1, "\"' ");
      int end = start;
      while (end < s.length() && end - start < 4096 && !isValueEnd(s.charAt(end))) {
        end++;
      }
      if (end - start >= 4) {
        out.add(new Finding("GENERIC_SECRET", start, end, 0.8, DETECTOR));
        i = end - 1;
      }
    }
  }

  private static int base64Run(String s, int from) {
    int j = from;
    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) && s.charAt(j) < 128
        || s.charAt(j) == '-' || s.charAt(j) == '_')) {
      j++;
    }
    return j;
  }

  private static int tokenRun(String s, int from) {
    int j = from;
    while (j < s.length() && j - from < 4096) {
      char c = s.charAt(j);
      if (c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '+'
          || c == '/' || c == '=')) {
        j++;
      } else {
        break;
      }
    }
    return j;
  }

  private static boolean luhn(String s, int from, int to) {
    int sum = 0;
    boolean twice = false;
    for (int k = to - 1; k >= from; k--) {
      char c = s.charAt(k);
      if (!isDigit(c)) {
        continue;
      }
      int d = c - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  private static String prefixAt(String s, int i, String[] prefixes) {
    for (String p : prefixes) {
      if (s.startsWith(p, i)) {
        return p;
      }
    }
    return null;
  }

  private static boolean startsAny(String s, int i, String[] prefixes) {
    return prefixAt(s, i, prefixes) != null;
  }

  private static int skip(String s, int from, String chars) {
    int j = from;
    while (j < s.length() && j - from < 8 && chars.indexOf(s.charAt(j)) >= 0) {
      j++;
    }
    return j;
  }

  private static String asciiLower(String s) {
    char[] chars = s.toCharArray();
    for (int k = 0; k < chars.length; k++) {
      if (chars[k] >= 'A' && chars[k] <= 'Z') {
        chars[k] = (char) (chars[k] + 32);
      }
    }
    return new String(chars);
  }

  private static boolean boundaryBefore(String s, int i) {
    return i == 0 || !(Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_');
  }

  private static boolean isValueEnd(char c) {
    return Character.isWhitespace(c) || c == '"' || c == '\'' || c == ',' || c == ';' || c == '&' || c == '}' || c == ')';
  }

  /**
   * Chars of an address's local part: RFC 5322 atext and '.', but for '=': in a log line
   * ({@code user=alice@example.org}) it ends a field's name far more often than it stands in a
   * mailbox, and the name is no part of the address (the pii-patterns detector cuts there too).
   */
  private static boolean isLocal(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || ".!#$%&'*+/?^_`{|}~-".indexOf(c) >= 0);
  }

  private static boolean isDomain(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }
}
