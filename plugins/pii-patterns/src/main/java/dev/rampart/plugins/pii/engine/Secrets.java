package dev.rampart.plugins.pii.engine;

import java.util.Set;

/**
 * Credentials recognisable by their prefix: AWS access key ids ({@code AKIA}/{@code ASIA} and the
 * other IAM id prefixes, then 16 upper-case letters or digits), GitHub tokens ({@code ghp_},
 * {@code gho_}, {@code ghu_}, {@code ghs_}, {@code ghr_} then 36 characters; fine-grained
 * {@code github_pat_}), Slack tokens ({@code xoxb-}, {@code xoxp-}, {@code xoxa-}, {@code xoxr-},
 * {@code xoxs-}, {@code xoxe-} refresh tokens, {@code xoxe.xoxp-} configuration tokens,
 * {@code xapp-}; incoming-webhook URLs {@code https://hooks.slack.com/services/T.../B.../...}, whose
 * path is the credential), JSON Web Tokens (see {@link JsonWebTokens}) and the API keys of well-known
 * vendors ({@link VendorKeys}, reported as {@link EntityType#GENERIC_SECRET}). An AWS or GitHub
 * prefix followed by one character repeated ({@code AKIAXXXXXXXXXXXXXXXX}, {@code ghp_xxxx...})
 * is a documentation placeholder, not a credential. One pass over the text's token-shaped runs;
 * each run is looked at once, at its start.
 */
final class Secrets implements EntityScanner {

  private static final String[] AWS_PREFIXES = {"AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "APKA", "ABIA", "ACCA"};
  private static final String[] GITHUB_PREFIXES = {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"};
  /**
   * Whether a chunk with these classes can hold a token: an AWS key is 20 upper-case letters and
   * digits, GitHub tokens have '_', Slack tokens '-' and 20 characters, JWTs "eyJ" and '.'.
   */
  private static boolean mayHoldToken(int classes) {
    boolean upper = (classes & TextChunks.UPPER) != 0;
    boolean isLong = (classes & TextChunks.LONG) != 0;
    return (classes & TextChunks.UNDERSCORE) != 0
        || (upper && (isLong || (classes & TextChunks.DOT) != 0))
        || (isLong && (classes & TextChunks.DASH) != 0);
  }
  static final String[] SLACK_PREFIXES = {"xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxo-", "xoxe-", "xapp-"};

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.AWS_ACCESS_KEY, EntityType.GITHUB_TOKEN, EntityType.SLACK_TOKEN, EntityType.JWT,
        EntityType.GENERIC_SECRET);
  }

  @Override
  public void scan(ScanContext ctx) {
    String s = ctx.text();
    TextChunks chunks = ctx.chunks();
    for (int k = 0; k < chunks.count(); k++) {
      if (!mayHoldToken(chunks.classes(k)) || ctx.budget().exhausted()) {
        continue;
      }
      ctx.budget().charge(chunks.end(k) - chunks.start(k));
      walk(ctx, s, chunks.start(k), chunks.end(k));
    }
  }

  /**
   * Reports the tokens starting in the chunk {@code [i, to)}. A token starts with a char
   * {@link #isTokenChar} at a word boundary, and only there is it looked for: a char inside a
   * word, or inside a token found, is passed by. One table load per char, and most chars of a
   * chunk are no token char. A token is made of ASCII chars that are not whitespace, so it ends
   * in its chunk.
   */
  private static void walk(ScanContext ctx, String s, int i, int to) {
    for (; i < to; i++) {
      if (isTokenChar(s.charAt(i)) && (i == 0 || !CharClasses.isWordChar(s.charAt(i - 1)))) {
        int end = examine(ctx, s, i);
        if (end > 0) {
          i = end - 1; // a token found ends at a word boundary: the walk goes on after it
        }
      }
    }
  }

  /** Chars a token can start with: 'A' (AWS), 'g' (GitHub), 'x' (Slack), 'e' (JWT), 'h' (Slack webhooks) and {@link VendorKeys#mayStart}. */
  private static final boolean[] TOKEN_CHARS = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      TOKEN_CHARS[c] = c == 'A' || c == 'g' || c == 'x' || c == 'e' || VendorKeys.mayStart(c);
    }
  }

  private static boolean isTokenChar(char c) {
    return c < 128 && TOKEN_CHARS[c];
  }

  /** Reports a token starting at {@code i}; returns its end, or -1 when there is none. */
  private static int examine(ScanContext ctx, String s, int i) {
    char c = s.charAt(i);
    int end = -1;
    if (c == 'A') {
      end = awsKeyEnd(s, i);
      if (end > 0) {
        boolean classic = s.startsWith("AKIA", i) || s.startsWith("ASIA", i);
        ctx.add(EntityType.AWS_ACCESS_KEY, i, end, classic ? 0.9 : 0.8);
      }
    } else if (c == 'g') {
      end = gitHubTokenEnd(s, i);
      if (end > 0) {
        ctx.add(EntityType.GITHUB_TOKEN, i, end, 0.95);
      }
    } else if (c == 'x') {
      end = slackTokenEnd(s, i);
      if (end > 0) {
        ctx.add(EntityType.SLACK_TOKEN, i, end, 0.9);
      }
    } else if (c == 'h') {
      end = slackWebhookEnd(s, i);
      if (end > 0) {
        // the whole URL, scheme included: as a Slack token it outranks the URL reading of it
        int start = s.startsWith("https://", i - 8) ? i - 8 : s.startsWith("http://", i - 7) ? i - 7 : i;
        ctx.add(EntityType.SLACK_TOKEN, start, end, 0.9);
      }
    } else if (c == 'e') {
      end = JsonWebTokens.end(s, i, ctx.budget());
      if (end > 0) {
        ctx.add(EntityType.JWT, i, end, 0.95);
      }
    }
    if (end < 0 && VendorKeys.mayStart(c)) {
      end = VendorKeys.end(s, i);
      if (end > 0) {
        ctx.add(EntityType.GENERIC_SECRET, i, end, 0.9);
      }
    }
    return end;
  }

  private static int awsKeyEnd(String s, int i) {
    int end = i + 20;
    if (end > s.length() || !startsWithAny(s, i, AWS_PREFIXES)) {
      return -1;
    }
    for (int k = i + 4; k < end; k++) {
      char c = s.charAt(k);
      if (!(CharClasses.isUpper(c) || CharClasses.isDigit(c))) {
        return -1;
      }
    }
    return CharClasses.boundaryAt(s, end) && !placeholder(s, i + 4, end) ? end : -1;
  }

  private static int gitHubTokenEnd(String s, int i) {
    if (startsWithAny(s, i, GITHUB_PREFIXES)) {
      int end = alnumEnd(s, i + 4, 255, false);
      return end - (i + 4) == 36 && !placeholder(s, i + 4, end) ? end : -1;
    }
    if (s.startsWith("github_pat_", i)) {
      int end = alnumEnd(s, i + 11, 255, true);
      return end - (i + 11) >= 40 && !placeholder(s, i + 11, end) ? end : -1;
    }
    return -1;
  }

  /** Whether {@code [from, to)} repeats one character throughout ('_' aside): "XXXX", "xxxx_xxxx". */
  private static boolean placeholder(String s, int from, int to) {
    char first = s.charAt(from);
    for (int k = from + 1; k < to; k++) {
      char c = s.charAt(k);
      if (c != first && c != '_') {
        return false;
      }
    }
    return true;
  }

  private static final String[] SLACK_WEBHOOKS = {
    "hooks.slack.com/services/", "hooks.slack.com/workflows/", "hooks.slack.com/triggers/"};

  /**
   * End of a Slack webhook's path at {@code i} ("hooks.slack.com/services/T0.../B0.../secret"):
   * 20 to 200 chars of letters, digits, '/', '_' and '-', the last segment 8 or more of them and
   * not one char repeated ("XXXXXXXX" fills documentation); -1 otherwise.
   */
  static int slackWebhookEnd(String s, int i) {
    if (!s.startsWith("hooks.slack.com/", i)) {
      return -1; // most 'h's start "http" or a word
    }
    for (String hook : SLACK_WEBHOOKS) {
      if (!s.startsWith(hook, i)) {
        continue;
      }
      int from = i + hook.length();
      int k = from;
      int lastSegment = from;
      while (k < s.length() && k - from < 200
          && (CharClasses.isAlnum(s.charAt(k)) || s.charAt(k) == '/' || s.charAt(k) == '_' || s.charAt(k) == '-')) {
        if (s.charAt(k) == '/') {
          lastSegment = k + 1;
        }
        k++;
      }
      boolean shaped = k - from >= 20 && k - lastSegment >= 8 && !placeholder(s, lastSegment, k);
      return shaped && CharClasses.boundaryAt(s, k) ? k : -1;
    }
    return -1;
  }

  private static int slackTokenEnd(String s, int i) {
    int k;
    if (startsWithAny(s, i, SLACK_PREFIXES)) {
      k = i + 5;
    } else if (s.startsWith("xoxe.xoxp-", i) || s.startsWith("xoxe.xoxb-", i)) {
      k = i + 10; // a configuration token: its own prefix, then a user's or bot's
    } else {
      return -1;
    }
    int digits = 0;
    while (k < s.length() && k - i < 256 && (CharClasses.isAlnum(s.charAt(k)) || s.charAt(k) == '-')) {
      digits += CharClasses.isDigit(s.charAt(k)) ? 1 : 0;
      k++;
    }
    while (k > i + 5 && s.charAt(k - 1) == '-') {
      k--;
    }
    return k - i >= 20 && digits >= 4 && CharClasses.boundaryAt(s, k) ? k : -1;
  }

  private static int alnumEnd(String s, int from, int max, boolean underscore) {
    int k = from;
    while (k < s.length() && k - from <= max
        && (CharClasses.isAlnum(s.charAt(k)) || (underscore && s.charAt(k) == '_'))) {
      k++;
    }
    return CharClasses.boundaryAt(s, k) ? k : -1;
  }

  private static boolean startsWithAny(String s, int i, String[] prefixes) {
    for (String p : prefixes) {
      if (s.startsWith(p, i)) {
        return true;
      }
    }
    return false;
  }
}
