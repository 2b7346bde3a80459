package dev.rampart.plugins.pii.engine;

import java.util.Set;

/**
 * E-mail addresses (RFC 5322 dot-atom local part, DNS host with an alphabetic TLD). Anchored on
 * each '@' and expanded both ways within the RFC length limits, so the cost per '@' is bounded
 * and a run like "a@a@a@..." stays linear. A {@code user@host} followed by ':' and a path
 * ({@code git@github.com:org/repo.git}, {@code deploy@web.example.com:/srv}) is an SSH or SCP
 * remote, not a mailbox.
 */
final class Emails implements EntityScanner {

  static final int MAX_LOCAL = 64;
  private static final ContextWords CONTEXT =
      new ContextWords("email", "e-mail", "mail", "contact", "address");

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.EMAIL);
  }

  @Override
  public void scan(ScanContext ctx) {
    String s = ctx.text();
    if (!ctx.budget().charge(s.length())) {
      return;
    }
    int lastEnd = 0;
    int[] slash = new int[1];
    int hostFrom = -1; // the last host Hosts.domainEnd took: hostLength chars from here
    int hostLength = 0;
    for (int at = s.indexOf('@'); at >= 0; at = s.indexOf('@', at + 1)) {
      if (at < lastEnd) {
        continue;
      }
      int start = localStart(s, at, lastEnd, slash);
      if (start >= 0 && inUrlUserInfo(s, start, at, slash[0])) {
        continue; // "https://user:pass@host" is an address with credentials, not a mailbox
      }
      int end = -1;
      if (start >= 0) {
        end = sameHostEnd(s, at + 1, hostFrom, hostLength);
        if (end < 0) {
          end = Hosts.domainEnd(s, at + 1, false);
          hostFrom = end < 0 ? hostFrom : at + 1;
          hostLength = end < 0 ? hostLength : end - (at + 1);
        }
      }
      if (end < 0 || remotePathAt(s, end)) {
        continue;
      }
      double score = 0.9 + (CONTEXT.near(s, start, end, ctx.budget()) ? 0.1 : 0);
      ctx.add(EntityType.EMAIL, start, end, score);
      lastEnd = end;
    }
  }

  /**
   * Whether the address ending in the {@code @} at {@code at} is a URL's user-info
   * ({@code https://user:pass@host}, {@code //bob@host}): user-info holds no '/', so the nearest
   * '/' before the '@' is then the second of "://". Looks back at most twice the longest local part.
   * The local part {@code [start, at)} is atext, which the walk steps over up to its last '/'
   * ({@code slash}, or -1 if it holds none, as {@link #localStart} found): it starts there.
   */
  private static boolean inUrlUserInfo(String s, int start, int at, int slash) {
    int lower = Math.max(0, start - 2 * MAX_LOCAL);
    for (int k = slash >= 0 ? slash : start - 1; k >= lower; k--) {
      char c = s.charAt(k);
      if (c == '/') {
        return k >= 2 && s.charAt(k - 1) == '/' && s.charAt(k - 2) == ':';
      }
      if (!(isAtext(c) || c == ':')) {
        return false;
      }
    }
    return false;
  }

  /**
   * The end {@link Hosts#domainEnd} gives a host at {@code from} that repeats the last one it
   * took ({@code length} chars at {@code lastFrom}), or -1 when that is not known without it.
   * Log lines name the same few hosts over and over, and comparing the chars is cheaper than
   * telling labels, hyphens and dots apart again. Exact: over the same chars the walk takes the
   * same steps, to where it stopped before; it stops there again unless the char there carries
   * a label on ('-', a word char, or '.' before a letter or digit) or makes it give up (a word
   * char or '@'), and those are left to it.
   */
  private static int sameHostEnd(String s, int from, int lastFrom, int length) {
    int end = from + length;
    if (lastFrom < 0 || end > s.length() || !s.regionMatches(from, s, lastFrom, length)) {
      return -1;
    }
    if (end == s.length()) {
      return end;
    }
    char c = s.charAt(end);
    boolean labelGoesOn = c == '-' || (c == '.' && end + 1 < s.length() && CharClasses.isAlnum(s.charAt(end + 1)));
    return labelGoesOn || CharClasses.isWordChar(c) || c == '@' ? -1 : end;
  }

  /** Whether a ':' at {@code i} starts the path of an SSH or SCP remote ("host:org/repo", "host:/srv", "host:~"). */
  private static boolean remotePathAt(String s, int i) {
    if (i + 1 >= s.length() || s.charAt(i) != ':') {
      return false;
    }
    char c = s.charAt(i + 1);
    boolean scheme = c == '/' && i + 2 < s.length() && s.charAt(i + 2) == '/'; // "://" glued on: no remote
    return (c == '/' && !scheme) || c == '~' || (CharClasses.isAlnum(c) && remotePath(s, i + 1));
  }

  /** Whether the word at {@code from} goes on to a '/' before any space: "org/repo.git". */
  private static boolean remotePath(String s, int from) {
    for (int k = from; k < s.length() && k - from < 100; k++) {
      char c = s.charAt(k);
      if (c == '/') {
        return true;
      }
      if (!(CharClasses.isAlnum(c) || c == '-' || c == '_' || c == '.')) {
        return false;
      }
    }
    return false;
  }

  static boolean isAtext(char c) {
    return CharClasses.is(c, CharClasses.ATEXT);
  }

  /**
   * Start of a valid local part ending at {@code at}, or -1; when valid, {@code slash[0]} is its
   * last '/' or -1. One walk back reads each char of it once: the checks on the chars inside
   * (no "..", where the last '/' and the last '=' are) are noted on the way.
   */
  private static int localStart(String s, int at, int floor, int[] slash) {
    int i = at;
    int lastSlash = -1;
    int lastDoubleDot = -1; // the first dot of the last ".."
    int lastEquals = -1;
    boolean dotAfter = false;
    while (i > floor && at - i <= MAX_LOCAL && isAtext(s.charAt(i - 1))) {
      i--;
      char c = s.charAt(i);
      if (c == '.') {
        lastDoubleDot = dotAfter && lastDoubleDot < 0 ? i : lastDoubleDot;
      } else if (c == '/' && lastSlash < 0) {
        lastSlash = i;
      } else if (c == '=' && lastEquals < 0) {
        lastEquals = i;
      }
      dotAfter = c == '.';
    }
    // "user=alice@example.org": a name and '=' glued before the address are a log field's or a
    // query parameter's name, far more often than part of a mailbox ('=' is atext): the local
    // part starts after the last '='
    if (lastEquals >= 0) {
      i = lastEquals + 1;
      lastSlash = lastSlash > lastEquals ? lastSlash : -1;
    }
    if (at - i > MAX_LOCAL || (i > 0 && CharClasses.isWordChar(s.charAt(i - 1)))) {
      return -1;
    }
    // leading quotes and dots are far more often prose punctuation than part of the address
    while (i < at && isLeadingPunctuation(s.charAt(i))) {
      i++;
    }
    // the leading chars stepped over hold no '/', and end before a char that is no '.': a '/'
    // or ".." the walk saw lies in the local part exactly when it lies at or after its start
    if (i == at || s.charAt(at - 1) == '.' || lastDoubleDot >= i) {
      return -1;
    }
    slash[0] = lastSlash;
    return i;
  }

  /** Whether {@link #localStart} drops {@code c} from the front of a local part (one of "'`.{|~="). */
  private static boolean isLeadingPunctuation(char c) {
    return c == '\'' || c == '`' || c == '.' || c == '{' || c == '|' || c == '~' || c == '=';
  }
}
