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
    for (int at = s.indexOf('@'); at >= 0; at = s.indexOf('@', at + 1)) {
      if (at < lastEnd) {
        continue;
      }
      int start = localStart(s, at, lastEnd);
      if (start >= 0 && inUrlUserInfo(s, start, at)) {
        continue; // "https://user:pass@host" is an address with credentials, not a mailbox
      }
      int end = start < 0 ? -1 : Hosts.domainEnd(s, at + 1, false);
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
   */
  private static boolean inUrlUserInfo(String s, int start, int at) {
    int lower = Math.max(0, start - 2 * MAX_LOCAL);
    for (int k = at - 1; k >= lower; k--) {
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

  /** Start of a valid local part ending at {@code at}, or -1. */
  private static int localStart(String s, int at, int floor) {
    int i = at;
    while (i > floor && at - i <= MAX_LOCAL && isAtext(s.charAt(i - 1))) {
      i--;
    }
    if (at - i > MAX_LOCAL || (i > 0 && CharClasses.isWordChar(s.charAt(i - 1)))) {
      return -1;
    }
    // leading quotes and dots are far more often prose punctuation than part of the address
    while (i < at && "'`.{|~=".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    if (i == at || s.charAt(at - 1) == '.') {
      return -1;
    }
    for (int k = i + 1; k < at; k++) {
      if (s.charAt(k) == '.' && s.charAt(k - 1) == '.') {
        return -1;
      }
    }
    return i;
  }
}
