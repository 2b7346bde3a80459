package dev.rampart.plugins.pii.engine;

/** DNS host names as e-mail addresses and URLs use them. */
final class Hosts {

  private static final int MAX_HOST = 253;
  private static final int MAX_LABEL = 63;

  private Hosts() {}

  /**
   * End of a host name starting at {@code from} (labels of letters, digits and inner hyphens,
   * at least two labels, an alphabetic TLD of two or more letters), or -1. A trailing dot is
   * left out, as it usually ends the sentence. With {@code allowLocalhost} a bare "localhost"
   * also counts.
   */
  static int domainEnd(String s, int from, boolean allowLocalhost) {
    int n = s.length();
    int i = from;
    int labels = 0;
    int labelStart = from;
    int lastLabelStart = from;
    int end = -1;
    while (i < n && i - from <= MAX_HOST) {
      char c = s.charAt(i);
      if (CharClasses.isAlnum(c) || (c == '-' && i > labelStart)) {
        i++;
        if (i - labelStart > MAX_LABEL) {
          return -1;
        }
        continue;
      }
      if (c == '.' && i > labelStart && i + 1 < n && CharClasses.isAlnum(s.charAt(i + 1))) {
        if (s.charAt(i - 1) == '-') {
          return -1;
        }
        labels++;
        lastLabelStart = i + 1;
        labelStart = i + 1;
        i++;
        continue;
      }
      break;
    }
    if (i == labelStart || s.charAt(i - 1) == '-') {
      return -1;
    }
    end = i;
    if (i < n && (CharClasses.isWordChar(s.charAt(i)) || s.charAt(i) == '@')) {
      return -1; // ran into something that is not a host, e.g. a non-ASCII letter
    }
    if (labels == 0) {
      return allowLocalhost && s.regionMatches(true, from, "localhost", 0, 9) && end - from == 9 ? end : -1;
    }
    if (CharClasses.isDigit(s.charAt(end - 1))) {
      return isDottedQuad(s, from, end) ? end : -1;
    }
    int tldLength = end - lastLabelStart;
    if (tldLength < 2 || tldLength > 24) {
      return -1;
    }
    for (int k = lastLabelStart; k < end; k++) {
      if (!CharClasses.isLetter(s.charAt(k))) {
        return -1;
      }
    }
    return end;
  }

  private static boolean isDottedQuad(String s, int from, int end) {
    return IpAddresses.ipv4End(s, from) == end;
  }
}
