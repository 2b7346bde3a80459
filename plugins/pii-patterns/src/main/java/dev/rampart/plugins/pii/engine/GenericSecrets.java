package dev.rampart.plugins.pii.engine;

import java.util.Set;

/**
 * Secrets without a known prefix: a token of at least 20 characters whose character
 * distribution looks random (Shannon entropy per character at or above a threshold, letters and
 * digits mixed) and that stands within a few words after a word such as "password", "secret",
 * "token" or "api_key". Both conditions are needed: random-looking tokens alone are usually
 * hashes or ids, and "password" alone is just a word.
 */
final class GenericSecrets implements EntityScanner {

  private static final int MIN_LENGTH = 20;
  private static final int MAX_LENGTH = 512;
  /** How far back from the token a keyword may stand ("api_key = '...'"). */
  private static final int WINDOW = 32;
  private static final double MIN_ENTROPY_BITS = 3.2;
  private static final String[] KEYWORDS = {
    "password", "passwd", "pwd", "pass", "secret", "token", "key", "apikey", "api_key", "api-key",
    "access_key", "secret_key", "client_secret", "auth", "authorization", "bearer", "credential",
    "credentials", "private_key"
  };

  /** Bit (c - 'a') set when a keyword starts with c. */
  private static final int KEYWORD_FIRST_LETTERS = firstLetters(KEYWORDS);

  private static int firstLetters(String[] words) {
    int bits = 0;
    for (String w : words) {
      bits |= 1 << (w.charAt(0) - 'a');
    }
    return bits;
  }

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.GENERIC_SECRET);
  }

  @Override
  public void scan(ScanContext ctx) {
    String s = ctx.text();
    int[] counts = new int[128];
    // a token of MIN_LENGTH (= LONG_CHUNK) chars lies in a long run of secret chars
    int[] runs = ctx.longTokens();
    for (int r = 0; r < ctx.longTokenCount() && !ctx.budget().exhausted(); r++) {
      int start = runs[r * 2];
      int end = runs[r * 2 + 1];
      if (!examine(ctx, s, start, end, counts)) {
        // "api_key=..." is one run of secret chars: the value after the first '=' is a token of its own
        int value = valueStart(s, start, end);
        if (value > 0) {
          examine(ctx, s, value, end, counts);
        }
      }
    }
  }

  /** Reports the token in {@code [start, end)} if it qualifies; says whether it did. */
  private static boolean examine(ScanContext ctx, String s, int start, int end, int[] counts) {
    int tokenEnd = end;
    while (tokenEnd > start && (s.charAt(tokenEnd - 1) == '.' || s.charAt(tokenEnd - 1) == '-')) {
      tokenEnd--; // sentence punctuation after the token
    }
    int len = tokenEnd - start;
    // the keyword test first: it is cheaper, and most long tokens (paths, hashes) have none
    if (len >= MIN_LENGTH && len <= MAX_LENGTH && keywordBefore(s, start, ctx.budget())
        && looksRandom(s, start, tokenEnd, counts)) {
      ctx.add(EntityType.GENERIC_SECRET, start, tokenEnd, 0.75);
      return true;
    }
    return false;
  }

  /** Where the value of an assignment inside the run starts (after its first '=' not followed by '='), or -1. */
  private static int valueStart(String s, int start, int end) {
    for (int k = start + 1; k + 1 < end; k++) {
      if (s.charAt(k) == '=' && s.charAt(k + 1) != '=') {
        return k + 1;
      }
    }
    return -1;
  }


  static boolean looksRandom(String s, int from, int to, int[] counts) {
    java.util.Arrays.fill(counts, 0);
    boolean letter = false;
    boolean digit = false;
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      counts[c]++;
      letter |= CharClasses.isLetter(c);
      digit |= CharClasses.isDigit(c);
    }
    if (!letter || !digit) {
      return false;
    }
    double len = to - from;
    double bits = 0;
    for (int count : counts) {
      if (count > 0) {
        double p = count / len;
        bits -= p * Math.log(p);
      }
    }
    return bits / Math.log(2) >= MIN_ENTROPY_BITS;
  }

  private static boolean keywordBefore(String s, int start, ScanBudget budget) {
    int from = Math.max(0, start - WINDOW);
    budget.charge(start - from);
    for (int k = from; k < start; k++) {
      char c = (char) (s.charAt(k) | 0x20);
      if (c < 'a' || c > 'z' || (KEYWORD_FIRST_LETTERS & (1 << (c - 'a'))) == 0
          || (k > 0 && CharClasses.isLetter(s.charAt(k - 1)))) {
        continue;
      }
      for (String w : KEYWORDS) {
        if (w.charAt(0) == c && k + w.length() <= start && s.regionMatches(true, k, w, 0, w.length())
            && !s.startsWith("-----", k + w.length())) { // "PUBLIC KEY-----" labels a PEM block, not a secret
          return true;
        }
      }
    }
    return false;
  }
}
