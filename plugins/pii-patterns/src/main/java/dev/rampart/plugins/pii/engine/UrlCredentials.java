package dev.rampart.plugins.pii.engine;

import java.util.Locale;
import java.util.Set;

/**
 * Passwords in the user-info of a connection URL ({@code postgres://app:S3cret@db:5432/x},
 * {@code redis://:pw@cache}, {@code amqp://...}), reported as {@link EntityType#GENERIC_SECRET}
 * over the password alone, scoring above the e-mail reading of {@code S3cret@db...}. Web URLs
 * ({@code http}, {@code https}, {@code ftp}, {@code ws}, {@code wss}) are left to {@link Urls},
 * whose finding covers the whole address, password included. Only chunks holding both ':' and
 * '/' are searched for {@code ://}, so most text costs nothing beyond the shared pass.
 */
final class UrlCredentials implements EntityScanner {

  private static final Set<String> WEB_SCHEMES = Set.of("http", "https", "ftp", "ws", "wss");
  private static final int MAX_SCHEME = 32;
  private static final int MAX_USER_INFO = 256;

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.GENERIC_SECRET);
  }

  @Override
  public void scan(ScanContext ctx) {
    String s = ctx.text();
    TextChunks chunks = ctx.chunks();
    int both = TextChunks.COLON | TextChunks.SLASH;
    for (int k = 0; k < chunks.count() && !ctx.budget().exhausted(); k++) {
      if ((chunks.classes(k) & both) != both) {
        continue;
      }
      int to = chunks.end(k);
      ctx.budget().charge(to - chunks.start(k));
      for (int p = chunks.start(k); p + 3 <= to; p++) {
        if (s.charAt(p) == ':' && s.charAt(p + 1) == '/' && s.charAt(p + 2) == '/') {
          examine(ctx, s, p);
        }
      }
    }
  }

  /** Reports the password of the URL whose "://" is at {@code p}, if it has one and is no web URL. */
  private static void examine(ScanContext ctx, String s, int p) {
    int n = s.length();
    int schemeStart = p;
    while (schemeStart > 0 && p - schemeStart < MAX_SCHEME && isSchemeChar(s.charAt(schemeStart - 1))) {
      schemeStart--;
    }
    if (schemeStart == p || !CharClasses.isLetter(s.charAt(schemeStart))
        || (schemeStart > 0 && CharClasses.isWordChar(s.charAt(schemeStart - 1)))
        || WEB_SCHEMES.contains(s.substring(schemeStart, p).toLowerCase(Locale.ROOT))) {
      return;
    }
    int from = p + 3;
    int colon = -1;
    int k = from;
    while (k < n && k - from <= MAX_USER_INFO && isUserInfoChar(s.charAt(k))) {
      if (colon < 0 && s.charAt(k) == ':') {
        colon = k;
      }
      k++;
    }
    ctx.budget().charge(k - from);
    if (k < n && s.charAt(k) == '@' && colon >= 0 && colon + 1 < k) {
      ctx.add(EntityType.GENERIC_SECRET, colon + 1, k, 0.95);
    }
  }

  /** RFC 3986 scheme chars after the first letter. */
  private static boolean isSchemeChar(char c) {
    return CharClasses.isAlnum(c) || c == '+' || c == '.' || c == '-';
  }

  /** RFC 3986 user-info: unreserved, percent-encoded, sub-delims and ':'. */
  private static boolean isUserInfoChar(char c) {
    return CharClasses.isAlnum(c) || "-._~%!$&'()*+,;=:".indexOf(c) >= 0;
  }
}
