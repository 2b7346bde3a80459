package dev.rampart.plugins.pii.engine;

import java.util.Set;

/**
 * Web addresses: {@code http://}, {@code https://}, {@code ftp://} with a valid host (name with a
 * TLD, dotted quad, bracketed IPv6 or localhost), or {@code www.} followed by a host. The path
 * runs to the first space or quote, trailing sentence punctuation and unbalanced closing
 * brackets excluded.
 */
final class Urls implements EntityScanner {

  private static final int MAX_URL = 4096;
  static final String[] SCHEMES = {"https://", "http://", "ftp://", "www."};

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.URL);
  }

  @Override
  public void scan(ScanContext ctx) {
    String s = ctx.text();
    TextChunks chunks = ctx.chunks();
    int i = 0;
    Places places = new Places(s);
    for (int k = 0; k < chunks.count(); k++) {
      // every scheme has ":/" ("http://") or letters and a '.' ("www.")
      int classes = chunks.classes(k);
      boolean scheme = (classes & TextChunks.COLON) != 0 && (classes & TextChunks.SLASH) != 0;
      boolean www = (classes & TextChunks.DOT) != 0 && (classes & (TextChunks.LOWER | TextChunks.UPPER)) != 0;
      if (!(scheme || www) || ctx.budget().exhausted()) {
        continue;
      }
      i = Math.max(i, chunks.start(k));
      int to = chunks.end(k);
      ctx.budget().charge(to - i);
      if (!scheme) {
        i = wwwOnly(ctx, s, i, to, places);
        continue;
      }
      while (i < to) {
        i = step(ctx, s, i);
      }
    }
  }

  /**
   * The walk of {@link #scan} over {@code [i, to)}, in a chunk without both ':' and '/': no
   * "scheme://" fits there, so a URL can only start with "www." there: at a 'w' or a 'W' (no
   * other char folds to 'w') with a '.' three chars on. Only those places are tried; at any other
   * the walk would only have stepped on. The next 'w' and the next '.' are looked up in turn,
   * each search starting where the other's answer allows. Returns where the walk ends, as the
   * walk does.
   */
  private static int wwwOnly(ScanContext ctx, String s, int i, int to, Places places) {
    int from = i; // no "www." starts before this
    while (true) {
      int w = Math.min(places.lowerW.atOrAfter(from), places.upperW.atOrAfter(from));
      if (w + 3 >= to) {
        break; // its '.' would lie past the chunk
      }
      int dot = places.dots.atOrAfter(w + 3);
      if (dot >= to) {
        break;
      }
      if (dot > w + 3) {
        from = dot - 3; // no '.' three chars after any 'w' before there
        continue;
      }
      int next = step(ctx, s, w);
      if (next > w + 1) {
        i = next; // a URL (it may end past the chunk): the walk goes on after it
      }
      from = Math.max(w + 1, i);
    }
    return Math.max(i, to);
  }

  /** The searches {@link #wwwOnly} shares across a text's chunks. */
  private static final class Places {
    final NextChar lowerW;
    final NextChar upperW;
    final NextChar dots;

    Places(String s) {
      lowerW = new NextChar(s, 'w');
      upperW = new NextChar(s, 'W');
      dots = new NextChar(s, '.');
    }
  }

  /**
   * Where a char occurs in a text, asked for in increasing order: each answer is kept until a
   * later one is asked for, so one forward search ({@code indexOf}) serves every chunk. Most
   * logs hold no 'w' at all: one search over the text, and every chunk after costs a compare.
   */
  private static final class NextChar {
    private final String s;
    private final char c;
    /**
     * The first {@code c} at or after the last place asked for (the text's length: none); -1
     * before the first search.
     */
    private int found = -1;

    NextChar(String s, char c) {
      this.s = s;
      this.c = c;
    }

    /** The first {@code c} at or after {@code i}, or the text's length; {@code i} never goes back. */
    int atOrAfter(int i) {
      if (found < i) {
        found = s.indexOf(c, i);
        if (found < 0) {
          found = s.length();
        }
      }
      return found;
    }
  }

  /** Looks for a URL at {@code i}; returns where the walk goes on. */
  private static int step(ScanContext ctx, String s, int i) {
    char c = (char) (s.charAt(i) | 0x20);
    if ((c != 'h' && c != 'f' && c != 'w') || (i > 0 && CharClasses.isWordChar(s.charAt(i - 1)))) {
      return i + 1;
    }
    int hostStart = schemeEnd(s, i);
    if (hostStart < 0) {
      return i + 1;
    }
    int hostEnd = hostEnd(s, hostStart);
    if (hostEnd < 0) {
      return i + 1;
    }
    int end = pathEnd(s, hostEnd);
    ctx.budget().charge(end - i);
    ctx.add(EntityType.URL, i, end, 0.85);
    return end;
  }

  private static int schemeEnd(String s, int i) {
    for (String scheme : SCHEMES) {
      if (s.regionMatches(true, i, scheme, 0, scheme.length())) {
        return i + scheme.length();
      }
    }
    return -1;
  }

  private static int hostEnd(String s, int from) {
    int n = s.length();
    int i = from;
    // user info ("user:pass@") is part of the URL; find it within a short window only
    for (int k = from; k < n && k - from < 64; k++) {
      char c = s.charAt(k);
      if (c == '@') {
        i = k + 1;
        break;
      }
      if (c == '/' || c == ' ' || c == '\n' || c == '\t' || c == '"' || c == '<') {
        break;
      }
    }
    if (i < n && s.charAt(i) == '[') {
      int close = IpAddresses.ipv6End(s, i + 1);
      if (close < 0 || close >= n || s.charAt(close) != ']') {
        return -1;
      }
      return portEnd(s, close + 1);
    }
    int end = Hosts.domainEnd(s, i, true);
    return end < 0 ? -1 : portEnd(s, end);
  }

  private static int portEnd(String s, int i) {
    if (i < s.length() && s.charAt(i) == ':') {
      int k = i + 1;
      while (k < s.length() && k - i <= 5 && CharClasses.isDigit(s.charAt(k))) {
        k++;
      }
      return k > i + 1 ? k : i;
    }
    return i;
  }

  static boolean isUrlChar(char c) {
    return c > ' ' && c < 127 && "\"<>\\^`{|}".indexOf(c) < 0;
  }

  private static int pathEnd(String s, int from) {
    int n = s.length();
    int i = from;
    if (i < n && "/?#".indexOf(s.charAt(i)) < 0) {
      return from;
    }
    int parens = 0;
    int brackets = 0;
    while (i < n && i - from < MAX_URL && isUrlChar(s.charAt(i))) {
      char c = s.charAt(i);
      if (c == '(') {
        parens++;
      } else if (c == ')' && --parens < 0) {
        break;
      } else if (c == '[') {
        brackets++;
      } else if (c == ']' && --brackets < 0) {
        break;
      }
      i++;
    }
    while (i > from && ".,;:!?'*".indexOf(s.charAt(i - 1)) >= 0) {
      i--;
    }
    return i;
  }
}
