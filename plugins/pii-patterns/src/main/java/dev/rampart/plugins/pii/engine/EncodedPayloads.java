package dev.rampart.plugins.pii.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Base64 runs that decode to readable text containing an injection phrase — a way to slip
 * instructions past filters that read only the surface text. Each run is decoded once, at most
 * its first {@value #MAX_DECODED_CHARS} characters, so the cost stays linear.
 */
final class EncodedPayloads {

  private static final int MIN_RUN = TextChunks.LONG_CHUNK;
  private static final int MAX_DECODED_CHARS = 4096;

  private final InjectionPhrases phrases;

  EncodedPayloads(InjectionPhrases phrases) {
    this.phrases = phrases;
  }

  /**
   * The chunk classes whose chars are all base64-run chars (the secret-only classes but '.'): a
   * long token in a chunk holding no other class is one base64 run from end to end.
   */
  private static final int BASE64_ONLY = TextChunks.SECRET_ONLY & ~TextChunks.DOT;

  /** Hits whose spans are the encoded runs in the scan's text, visiting only its long tokens. */
  List<InjectionPhrases.Hit> find(ScanContext ctx) {
    List<InjectionPhrases.Hit> hits = new ArrayList<>();
    String text = ctx.text();
    ScanBudget budget = ctx.budget();
    TextChunks chunks = ctx.chunks();
    // base64 chars are secret chars, so a run of MIN_RUN of them lies in a long token
    int[] tokens = ctx.longTokensWithChunks();
    for (int r = 0; r < ctx.longTokenCount() && !budget.exhausted(); r++) {
      int i = tokens[r * 3];
      int to = tokens[r * 3 + 1];
      if ((chunks.classes(tokens[r * 3 + 2]) & ~BASE64_ONLY) == 0) {
        // what the walk below finds in such a token, without reading it for '.' or '~': its
        // chunk holds base64-run chars only, so the token is the whole chunk and one run
        examineRun(text, i, to, budget, hits);
        continue;
      }
      while (i < to && !budget.exhausted()) {
        if (!isBase64Char(text.charAt(i))) {
          i++;
          continue;
        }
        int end = i + 1;
        while (end < to && isBase64Char(text.charAt(end))) {
          end++;
        }
        examineRun(text, i, end, budget, hits);
        i = end;
      }
    }
    return hits;
  }

  /** Adds a hit for the maximal base64 run {@code [from, end)} if it is long enough and hides a phrase. */
  private void examineRun(String text, int from, int end, ScanBudget budget, List<InjectionPhrases.Hit> hits) {
    if (end - from >= MIN_RUN) {
      double score = injectionScore(text, from, Math.min(end, from + MAX_DECODED_CHARS), budget);
      if (score > 0) {
        hits.add(new InjectionPhrases.Hit(from, end, InjectionPhrases.Kind.ENCODED, score));
      }
    }
  }

  /** 6-bit values of the base64 and base64url alphabets ('+' and '-' 62, '/' and '_' 63); -1 elsewhere. */
  private static final byte[] SEXTETS = new byte[128];

  static {
    java.util.Arrays.fill(SEXTETS, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int k = 0; k < alphabet.length(); k++) {
      SEXTETS[alphabet.charAt(k)] = (byte) k;
    }
    SEXTETS['+'] = 62;
    SEXTETS['-'] = 62;
    SEXTETS['/'] = 63;
    SEXTETS['_'] = 63;
  }

  /** 1 for the bytes the printable test below does not count as text, 0 for the others. */
  private static final int[] UNPRINTABLE = new int[256];

  static {
    for (int b = 0; b < 256; b++) {
      UNPRINTABLE[b] = (b >= 0x20 && b < 0x7f) || b == '\n' || b == '\r' || b == '\t' ? 0 : 1;
    }
  }

  /**
   * Whether the run would pass the printable test below, decided in place and in one read: the
   * same bytes the JDK decoder would give (padding removed, a dangling last char gives no byte),
   * counted without copying. True means "decode it properly"; so does a run mixing the two
   * alphabets, which the full path rejects itself.
   *
   * <p>The run gives at most {@code maxBytes} bytes (fewer when it holds '='), so once more than a
   * tenth of that is unprintable, printable can no longer reach 90 % of the real count and the
   * answer is no. A run mixing alphabets may be turned away this way too: the full path would
   * have scored it 0 all the same. (Whether it mixes them is asked only of the few runs that get
   * to the end, which are nearly all text.)
   */
  private static boolean decodesToText(String text, int from, int to) {
    // more than a tenth of maxBytes, plus one: for a count, "> maxBytes * 0.1 + 1" is exactly
    // "> maxBytes / 10 + 1" (checked for every run up to MAX_DECODED_CHARS), without the doubles
    int maxUnprintable = maxBytes(to - from) / 10 + 1;
    int bytes = 0;
    int unprintable = 0;
    int bits = 0;
    int held = 0;
    for (int k = from; k < to; k++) {
      int sextet = SEXTETS[text.charAt(k)];
      if (sextet < 0) {
        continue; // '=': the full path removes it before decoding
      }
      bits = (bits << 6) | sextet;
      held += 6;
      if (held >= 8) {
        held -= 8;
        bytes++;
        unprintable += UNPRINTABLE[(bits >>> held) & 0xff];
        if (unprintable > maxUnprintable) {
          return false;
        }
      }
    }
    return (bytes > 0 && bytes - unprintable >= bytes * 0.9) || mixesAlphabets(text, from, to);
  }

  /** Whether the run holds chars of both alphabets ('+' or '/', and '-' or '_'). */
  private static boolean mixesAlphabets(String text, int from, int to) {
    boolean plus = false;
    boolean dash = false;
    for (int k = from; k < to; k++) {
      char c = text.charAt(k);
      plus |= c == '+' || c == '/';
      dash |= c == '-' || c == '_';
    }
    return plus && dash;
  }

  /** The bytes {@code chars} base64 chars decode to (a dangling last char gives none). */
  private static int maxBytes(int chars) {
    return chars / 4 * 3 + Math.max(0, chars % 4 - 1);
  }

  private static boolean isBase64Char(char c) {
    return CharClasses.is(c, CharClasses.BASE64_RUN);
  }

  private double injectionScore(String text, int from, int to, ScanBudget budget) {
    budget.charge(to - from);
    if (!decodesToText(text, from, to)) {
      return 0; // most runs are ids, hashes or paths: turned away without decoding into a copy
    }
    String run = text.substring(from, to).replace("=", "");
    boolean urlSafe = run.indexOf('-') >= 0 || run.indexOf('_') >= 0;
    if (urlSafe && (run.indexOf('+') >= 0 || run.indexOf('/') >= 0)) {
      return 0;
    }
    if (run.length() % 4 == 1) {
      run = run.substring(0, run.length() - 1); // a run cut short: drop the char that cannot decode
    }
    byte[] bytes;
    try {
      bytes = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(run);
    } catch (IllegalArgumentException notBase64) {
      return 0;
    }
    int printable = 0;
    for (byte b : bytes) {
      printable += (b >= 0x20 && b < 0x7f) || b == '\n' || b == '\r' || b == '\t' ? 1 : 0;
    }
    if (bytes.length == 0 || printable < bytes.length * 0.9) {
      return 0;
    }
    double best = 0;
    for (InjectionPhrases.Hit hit : phrases.find(new String(bytes, StandardCharsets.ISO_8859_1), budget)) {
      if (hit.kind() != InjectionPhrases.Kind.DELIMITER) {
        best = Math.max(best, Math.max(0.9, hit.score() + 0.1));
      }
    }
    return best;
  }
}
