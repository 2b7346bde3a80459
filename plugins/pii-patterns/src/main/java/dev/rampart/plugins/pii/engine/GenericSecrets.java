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
    int n = s.length();
    TextChunks chunks = ctx.chunks();
    int[] counts = new int[128];
    int i = 0;
    for (int k = 0; k < chunks.count(); k++) {
      // a token of MIN_LENGTH characters has no whitespace in it
      if ((chunks.classes(k) & TextChunks.LONG) == 0) {
        continue;
      }
      i = Math.max(i, chunks.start(k));
      int to = chunks.end(k);
      ctx.budget().charge(to - i);
      while (i < to) {
        if (!isSecretChar(s.charAt(i))) {
          i++;
          continue;
        }
        int end = i;
        while (end < n && isSecretChar(s.charAt(end))) {
          end++;
        }
        int tokenEnd = end;
        while (tokenEnd > i && ".-".indexOf(s.charAt(tokenEnd - 1)) >= 0) {
          tokenEnd--; // sentence punctuation after the token
        }
        int len = tokenEnd - i;
        // the keyword test first: it is cheaper, and most long tokens (paths, hashes) have none
        if (len >= MIN_LENGTH && len <= MAX_LENGTH && !ctx.budget().exhausted() && keywordBefore(s, i, ctx.budget())
            && looksRandom(s, i, tokenEnd, counts)) {
          ctx.add(EntityType.GENERIC_SECRET, i, tokenEnd, 0.75);
        }
        i = end;
      }
    }
  }

  private static boolean isSecretChar(char c) {
    return CharClasses.is(c, CharClasses.SECRET);
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
