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
    int n = s.length();
    TextChunks chunks = ctx.chunks();
    int i = 0;
    for (int k = 0; k < chunks.count(); k++) {
      // pairs are joined by ':' or '-', Cisco quads by '.'; the shortest form has 14 chars
      if ((chunks.classes(k) & (TextChunks.COLON | TextChunks.DASH | TextChunks.DOT)) == 0
          || chunks.end(k) - chunks.start(k) < 14) {
        continue;
      }
      i = Math.max(i, chunks.start(k));
      int to = chunks.end(k);
      ctx.budget().charge(to - i);
      while (i < to && i + 14 <= n) {
        i = step(ctx, s, n, i);
      }
    }
  }

  /** Looks for an address at {@code i}; returns where the walk goes on. */
  private static int step(ScanContext ctx, String s, int n, int i) {
    if (!CharClasses.isHex(s.charAt(i)) || (i > 0 && isGlue(s.charAt(i - 1)))) {
      return i + 1;
    }
    int end = pairsEnd(s, i);
    if (end < 0) {
      end = quadsEnd(s, i);
    }
    if (end < 0 || (end < n && (isGlue(s.charAt(end)) && end + 1 < n && CharClasses.isHex(s.charAt(end + 1))
        || CharClasses.isWordChar(s.charAt(end))))) {
      return i + 1;
    }
    ctx.add(EntityType.MAC_ADDRESS, i, end, 0.8 + (CONTEXT.near(s, i, end, ctx.budget()) ? 0.15 : 0));
    return end + 1; // the char after an address is no hex digit (those are word chars), so none starts there
  }

  private static boolean isGlue(char c) {
    return CharClasses.isWordChar(c) || c == ':' || c == '-' || c == '.';
  }

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
    for (int g = 0; g < 3; g++) {
      int p = i + g * 5;
      for (int k = 0; k < 4; k++) {
        if (p + k >= s.length() || !CharClasses.isHex(s.charAt(p + k))) {
          return -1;
        }
      }
      if (g < 2 && (p + 4 >= s.length() || s.charAt(p + 4) != '.')) {
        return -1;
      }
    }
    return i + 14;
  }
}
