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
    if (!ctx.budget().charge(n)) {
      return;
    }
    for (int i = 0; i + 14 <= n; i++) {
      if (!CharClasses.isHex(s.charAt(i)) || (i > 0 && isGlue(s.charAt(i - 1)))) {
        continue;
      }
      int end = pairsEnd(s, i);
      if (end < 0) {
        end = quadsEnd(s, i);
      }
      if (end < 0 || (end < n && (isGlue(s.charAt(end)) && end + 1 < n && CharClasses.isHex(s.charAt(end + 1))
          || CharClasses.isWordChar(s.charAt(end))))) {
        continue;
      }
      ctx.add(EntityType.MAC_ADDRESS, i, end, 0.8 + (CONTEXT.near(s, i, end, ctx.budget()) ? 0.15 : 0));
      i = end;
    }
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
