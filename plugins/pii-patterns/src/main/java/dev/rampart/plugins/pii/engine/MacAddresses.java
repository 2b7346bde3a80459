package dev.rampart.plugins.pii.engine;

import java.util.Set;

/**
 * MAC addresses: six hex pairs joined by one consistent separator ({@code :} or {@code -}), or
 * the Cisco form of three dot-joined hex quads ({@code 0011.2233.4455}).
 */
final class MacAddresses implements EntityScanner {

  private static final ContextWords CONTEXT = new ContextWords("mac", "ethernet", "hardware", "hwaddr", "ether", "bssid");

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.MAC_ADDRESS);
  }

  @Override
  public void scan(ScanContext ctx) {
    String s = ctx.text();
    TextChunks chunks = ctx.chunks();
    for (int k = 0; k < chunks.count(); k++) {
      // pairs are joined by ':' or '-', Cisco quads by '.'; the shortest form has 14 chars
      if ((chunks.classes(k) & (TextChunks.COLON | TextChunks.DASH | TextChunks.DOT)) == 0
          || chunks.end(k) - chunks.start(k) < 14) {
        continue;
      }
      // an address has no whitespace: it lies inside one chunk
      int from = chunks.start(k);
      int to = chunks.end(k);
      ctx.budget().charge(to - from);
      // An address starts where the char before is not glue: at the chunk's start or after a
      // breaker. Anywhere else the check would fail, so the walk jumps from breaker to breaker.
      if ((chunks.classes(k) & ~GLUE_CLASSES) == 0) {
        // no breaker in the chunk (a timestamp, a dotted name): its start is the only place
        examine(ctx, s, from);
        continue;
      }
      int i = from;
      while (i + 14 <= to) {
        int end = examine(ctx, s, i);
        if (end > 0) {
          i = end; // the walk goes on from the char after it, which is no word char
        }
        i = nextBreaker(s, i, to) + 1;
      }
    }
  }

  /** Reports the address starting at {@code i}, after a char that is not glue, if any; returns its end or -1. */
  private static int examine(ScanContext ctx, String s, int i) {
    int end = addressEnd(s, i);
    if (end > 0) {
      ctx.add(EntityType.MAC_ADDRESS, i, end, 0.8 + (CONTEXT.near(s, i, end, ctx.budget()) ? 0.15 : 0));
    }
    return end;
  }

  /** End of the address starting at {@code i}, after a char that is not glue; or -1. */
  private static int addressEnd(String s, int i) {
    if (!CharClasses.isHex(s.charAt(i))) {
      return -1;
    }
    int end = pairsEnd(s, i);
    if (end < 0) {
      end = quadsEnd(s, i);
    }
    int n = s.length();
    if (end < 0 || (end < n && (isGlue(s.charAt(end)) && end + 1 < n && CharClasses.isHex(s.charAt(end + 1))
        || CharClasses.isWordChar(s.charAt(end))))) {
      return -1;
    }
    return end;
  }

  /** The first char in {@code [i, to)} that is not glue, or {@code to}. */
  private static int nextBreaker(String s, int i, int to) {
    while (i < to && isGlue(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isGlue(char c) {
    return c < 128 ? ASCII_GLUE[c] : CharClasses.isWordChar(c);
  }

  /** {@link #isGlue} for ASCII chars, one load instead of a class test and three compares. */
  private static final boolean[] ASCII_GLUE = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII_GLUE[c] = CharClasses.isWordChar(c) || c == ':' || c == '-' || c == '.';
    }
  }

  /**
   * The chunk classes of glue chars only (ASCII letters, digits, '_', ':', '-', '.'): a chunk
   * holding no other class has no breaker in it. (Non-ASCII letters are glue too, but a chunk
   * with {@link TextChunks#NON_ASCII} may hold other non-ASCII chars, so it takes the walk.)
   */
  private static final int GLUE_CLASSES = TextChunks.DIGIT | TextChunks.UPPER | TextChunks.LOWER | TextChunks.UNDERSCORE
      | TextChunks.COLON | TextChunks.DASH | TextChunks.DOT | TextChunks.LONG;

  private static int pairsEnd(String s, int i) {
    if (i + 17 > s.length()) {
      return -1;
    }
    char sep = s.charAt(i + 2);
    if (sep != ':' && sep != '-') {
      return -1;
    }
    for (int g = 0; g < 6; g++) {
      int p = i + g * 3;
      if (!CharClasses.isHex(s.charAt(p)) || !CharClasses.isHex(s.charAt(p + 1))) {
        return -1;
      }
      if (g < 5 && s.charAt(p + 2) != sep) {
        return -1;
      }
    }
    return i + 17;
  }

  private static int quadsEnd(String s, int i) {
    // the dots first: most hex words that start a candidate have none after four chars
    if (i + 14 > s.length() || s.charAt(i + 4) != '.' || s.charAt(i + 9) != '.') {
      return -1;
    }
    for (int g = 0; g < 3; g++) {
      int p = i + g * 5;
      for (int k = 0; k < 4; k++) {
        if (!CharClasses.isHex(s.charAt(p + k))) {
          return -1;
        }
      }
    }
    return i + 14;
  }
}
