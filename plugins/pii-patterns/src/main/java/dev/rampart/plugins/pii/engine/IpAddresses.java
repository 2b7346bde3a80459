package dev.rampart.plugins.pii.engine;

import java.util.Set;

/**
 * IPv4 (dotted quad, each octet 0-255, no leading zeros) and IPv6 (eight groups, or fewer with
 * one {@code ::}, optionally ending in a dotted quad), both reported as {@link
 * EntityType#IP_ADDRESS}. The scanner walks maximal runs of {@code [0-9A-Fa-f:.]} once each, so a
 * version string such as {@code 10.0.0.1.2} is rejected as a whole rather than matched in part.
 * A CIDR prefix length ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) and an IPv6 zone
 * ({@code fe80::1%eth0}) belong to the address they follow and are reported with it.
 */
final class IpAddresses implements EntityScanner {

  /** Longest textual IPv6 form (with an embedded IPv4 tail). */
  private static final int MAX_IPV6 = 45;
  private static final ContextWords CONTEXT = new ContextWords("ip", "ipv4", "ipv6", "address", "host", "server", "client");
  /**
   * Words that number something else with dotted quads: software versions, and a document's
   * sections ("see section 3.2.1.4").
   */
  private static final ContextWords VERSION = new ContextWords("version", "ver", "release", "build", "v",
      "section", "sections", "sec", "chapter", "clause", "paragraph", "figure", "fig", "appendix", "article");
  /** Per ASCII char: neither a word char nor a run char, so a run may start after it. */
  private static final boolean[] BREAKERS = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      BREAKERS[c] = !isRunChar(c) && !CharClasses.isWordChar(c);
    }
  }

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.IP_ADDRESS);
  }

  @Override
  public void scan(ScanContext ctx) {
    String s = ctx.text();
    TextChunks chunks = ctx.chunks();
    for (int k = 0; k < chunks.count(); k++) {
      // IPv6 needs a ':', IPv4 digits and a '.'
      int classes = chunks.classes(k);
      if ((classes & TextChunks.COLON) == 0 && (classes & (TextChunks.DIGIT | TextChunks.DOT)) != (TextChunks.DIGIT | TextChunks.DOT)) {
        continue;
      }
      // a run never crosses whitespace: each chunk's runs start and end inside it
      int from = chunks.start(k);
      int to = chunks.end(k);
      ctx.budget().charge(to - from);
      if ((classes & TextChunks.COLON) != 0) {
        if (mayHoldAddress(s, from, to)) {
          scanRuns(ctx, s, from, to);
        }
      } else if (maySpanQuad(s, from, to)
          && ((classes & (TextChunks.UPPER | TextChunks.LOWER)) != 0 || holdsThreeDots(s, from, to))) {
        // Which chunk counts its dots first is a matter of cost only (scanDottedRuns finds
        // nothing in a chunk without three): one of numbers only ("555-2671.") is mostly runs
        // that are each read as a quad's start, and counting turns it away for less; in one
        // with letters ("ip=10.0.0.1") the count would walk most of the way to the quad.
        scanDottedRuns(ctx, s, from, to);
      }
    }
  }

  /**
   * False when {@code [from, to)} cannot hold an address: a dotted quad has three '.', an IPv6
   * address either eight groups (seven ':', six before an IPv4 tail) or a "::". Timestamps
   * ("10:23:45.123") and host names ("example.org") have none of these, and this tight count
   * is much cheaper than the breaker-to-breaker walk of {@link #scanRuns} it spares them.
   */
  private static boolean mayHoldAddress(String s, int from, int to) {
    int dots = 0;
    int colons = 0;
    char before = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == ':') {
        if (before == ':' || ++colons == 6) {
          return true;
        }
      } else if (c == '.' && ++dots == 3) {
        return true;
      }
      before = c;
    }
    return false;
  }

  /** Whether {@code [from, to)} holds three '.', as a dotted quad does. */
  private static boolean holdsThreeDots(String s, int from, int to) {
    int dots = 0;
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == '.' && ++dots == 3) {
        return true;
      }
    }
    return false;
  }

  /**
   * False when {@code [from, to)} holds no dotted quad, read at every 7th char only: a quad is
   * 7 or more digits and dots in a row, so it covers one of those chars, and where none of them
   * is a digit or a '.' there is none. An e-mail address ("user=user1@example.org") is turned
   * away after 3 reads, where counting its dots read all 22 chars; "ip=10.0.0.1" says yes at
   * the first.
   */
  private static boolean maySpanQuad(String s, int from, int to) {
    for (int i = from + 6; i < to; i += 7) {
      char c = s.charAt(i);
      if (c == '.' || CharClasses.isDigit(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Examines the runs of {@code [from, to)} that stand at word boundaries. Only {@code from} and
   * the char after each breaker (neither a word char nor a run char) can start one: anywhere else
   * the char before is a run char (the run started earlier) or a word char.
   */
  private static void scanRuns(ScanContext ctx, String s, int from, int to) {
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (c != '.' && isRunChar(c)) {
        i = run(ctx, s, i, to);
      }
      i = nextBreaker(s, i, to) + 1;
    }
  }

  /**
   * {@link #scanRuns} for a chunk without ':', where the only address a run can be is a dotted
   * quad, and {@link #examine} reports it exactly when the run, less trailing dots, is one (and
   * ends at a boundary). So the quad is read from the run's start first ({@link #ipv4End} reads
   * no further than its fourth octet), and the run is walked no further than the dots after it:
   * a run char there means the run goes on and is no address. A run that is no quad is not
   * walked either; the walk to the next breaker steps over it, as it steps over no breaker.
   */
  private static void scanDottedRuns(ScanContext ctx, String s, int from, int to) {
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      int quadEnd = c != '.' && isRunChar(c) ? ipv4End(s, i) : -1;
      if (quadEnd > 0) {
        int runEnd = quadEnd;
        while (runEnd < to && s.charAt(runEnd) == '.') {
          runEnd++;
        }
        if ((runEnd == to || !isRunChar(s.charAt(runEnd))) && CharClasses.boundaryAt(s, runEnd)) {
          addDottedQuad(ctx, s, i, quadEnd, suffixEnd(s, quadEnd, false));
          i = runEnd;
        }
      }
      i = nextBreaker(s, i, to) + 1;
    }
  }

  /** Walks the run starting at the boundary {@code start}, examines it if it ends at one; returns its end. */
  private static int run(ScanContext ctx, String s, int start, int to) {
    boolean colon = false;
    boolean dot = false;
    int end = start;
    for (char c; end < to && isRunChar(c = s.charAt(end)); end++) {
      colon |= c == ':';
      dot |= c == '.';
    }
    // an IPv6 address has a ':' (without one isIpv6 finds one group at most), a dotted quad a '.'
    if ((colon || dot) && CharClasses.boundaryAt(s, end)) {
      examine(ctx, s, start, end, colon);
    }
    return end;
  }

  /** The first breaker (neither a word char nor a run char) in {@code [i, to)}, or {@code to}. */
  private static int nextBreaker(String s, int i, int to) {
    while (i < to && !isBreaker(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isBreaker(char c) {
    return c < 128 ? BREAKERS[c] : !CharClasses.isWordChar(c); // no run char is beyond ASCII
  }

  private static void examine(ScanContext ctx, String s, int start, int runEnd, boolean colon) {
    int end = runEnd;
    while (end > start && (s.charAt(end - 1) == '.'
        || (s.charAt(end - 1) == ':' && (end - 2 < start || s.charAt(end - 2) != ':')))) {
      end--;
    }
    if (end - start < 2) {
      return;
    }
    if (colon && end - start <= MAX_IPV6 && isIpv6(s, start, end)) {
      boolean context = CONTEXT.near(s, start, end, ctx.budget());
      boolean full = true;
      for (int k = start + 1; k < end; k++) {
        full &= !(s.charAt(k) == ':' && s.charAt(k - 1) == ':');
      }
      ctx.add(EntityType.IP_ADDRESS, start, suffixEnd(s, end, true), (full ? 0.85 : 0.75) + (context ? 0.1 : 0));
      return;
    }
    int v4 = ipv4End(s, start);
    if (v4 > 0 && (v4 == end || (s.charAt(v4) == ':' && v4 + 1 < end && CharClasses.isDigit(s.charAt(v4 + 1))))) {
      addDottedQuad(ctx, s, start, v4, v4 == end ? suffixEnd(s, v4, false) : v4);
    }
  }

  /** Reports the dotted quad {@code [start, end)} as the finding {@code [start, reportedEnd)}. */
  private static void addDottedQuad(ScanContext ctx, String s, int start, int end, int reportedEnd) {
    boolean context = CONTEXT.near(s, start, end, ctx.budget());
    // dotted quads also number software versions; say so in the score when the text does
    double score = !context && VERSION.near(s, start, end, ctx.budget()) ? 0.4 : 0.8 + (context ? 0.1 : 0);
    ctx.add(EntityType.IP_ADDRESS, start, reportedEnd, score);
  }

  /**
   * End of the address at {@code end} with what may follow it: an IPv6 zone ({@code %eth0}), then
   * a prefix length ({@code /24}: at most 32 for IPv4, 128 for IPv6, no leading zero), each
   * only when it ends where a word would.
   */
  private static int suffixEnd(String s, int end, boolean v6) {
    int n = s.length();
    if (v6 && end + 1 < n && s.charAt(end) == '%' && CharClasses.isAlnum(s.charAt(end + 1))) {
      int k = end + 1;
      while (k < n && k - end <= 16 && CharClasses.isAlnum(s.charAt(k))) {
        k++;
      }
      if (k - end <= 16 && CharClasses.boundaryAt(s, k)) {
        end = k;
      }
    }
    if (end + 1 < n && s.charAt(end) == '/' && CharClasses.isDigit(s.charAt(end + 1))) {
      int k = end + 1;
      int value = 0;
      while (k < n && k - end <= 3 && CharClasses.isDigit(s.charAt(k))) {
        value = value * 10 + s.charAt(k) - '0';
        k++;
      }
      boolean leadingZero = k - end > 2 && s.charAt(end + 1) == '0';
      if (k - end <= 3 && !leadingZero && value <= (v6 ? 128 : 32) && CharClasses.boundaryAt(s, k)) {
        end = k;
      }
    }
    return end;
  }

  private static boolean isRunChar(char c) {
    return CharClasses.is(c, CharClasses.IP_RUN);
  }

  /** End of a dotted quad starting at {@code from} (what follows is not checked), or -1. */
  static int ipv4End(String s, int from) {
    int i = octetEnd(s, from);
    for (int octet = 1; octet < 4 && i >= 0; octet++) {
      i = i < s.length() && s.charAt(i) == '.' ? octetEnd(s, i + 1) : -1;
    }
    return i;
  }

  /**
   * End of the octet at {@code i}: one to three digits (no more are read), no leading zero, at
   * most 255; or -1. Computed from the three chars at once rather than digit by digit: octets of
   * one, two and three digits follow each other at random in addresses, and a loop that stops
   * after each mispredicts.
   */
  private static int octetEnd(String s, int i) {
    int d0 = digitAt(s, i);
    int d1 = digitAt(s, i + 1);
    int d2 = digitAt(s, i + 2);
    int two = d1 >= 0 ? 1 : 0;
    int three = two & (d2 >= 0 ? 1 : 0);
    int value = three != 0 ? d0 * 100 + d1 * 10 + d2 : two != 0 ? d0 * 10 + d1 : d0;
    boolean leadingZero = two != 0 && d0 == 0;
    return d0 < 0 || leadingZero || value > 255 ? -1 : i + 1 + two + three;
  }

  /** The digit at {@code k}, or -1 where there is none (or {@code k} is past the text). */
  private static int digitAt(String s, int k) {
    int d = k < s.length() ? s.charAt(k) - '0' : -1;
    return Integer.compareUnsigned(d, 10) < 0 ? d : -1;
  }

  /**
   * End of an IPv6 address starting at {@code from}, taking the longest run of address
   * characters (at most 45), or -1 if that run is not an address.
   */
  static int ipv6End(String s, int from) {
    int end = from;
    while (end < s.length() && end - from <= MAX_IPV6 && isRunChar(s.charAt(end))) {
      end++;
    }
    return end - from <= MAX_IPV6 && isIpv6(s, from, end) ? end : -1;
  }

  static boolean isIpv6(String s, int a, int b) {
    if (b - a < 3) {
      return false;
    }
    int groups = 0;
    boolean compressed = false;
    int i = a;
    if (s.charAt(a) == ':') {
      if (s.charAt(a + 1) != ':') {
        return false;
      }
      compressed = true;
      i = a + 2;
    }
    while (i < b) {
      int g = i;
      while (i < b && CharClasses.isHex(s.charAt(i)) && i - g < 5) {
        i++;
      }
      if (i < b && s.charAt(i) == '.') {
        if (ipv4End(s, g) != b) {
          return false;
        }
        groups += 2;
        break;
      }
      int len = i - g;
      if (len == 0 || len > 4) {
        return false;
      }
      groups++;
      if (i == b) {
        break;
      }
      if (s.charAt(i) != ':') {
        return false;
      }
      i++;
      if (i < b && s.charAt(i) == ':') {
        if (compressed) {
          return false;
        }
        compressed = true;
        i++;
      } else if (i == b) {
        return false;
      }
    }
    return compressed ? groups >= 1 && groups <= 7 : groups == 8;
  }
}
