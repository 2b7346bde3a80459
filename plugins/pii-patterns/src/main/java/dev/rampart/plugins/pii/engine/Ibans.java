package dev.rampart.plugins.pii.engine;

import java.util.Map;
import java.util.Set;

/**
 * International bank account numbers: a country code from the IBAN registry, two check digits
 * (02-98) and a BBAN whose total length is exactly the country's, written compact or in groups
 * of four separated by single spaces or single dashes (one kind throughout, as in
 * {@code GB82-WEST-1234-5698-7654-32}); the ISO 7064 mod-97 check must give 1. People typing an
 * IBAN into a chat often write it in lower case ({@code de89 3704 ...}); the country code may be
 * lower case when both its letters are.
 */
final class Ibans implements EntityScanner {

  /** IBAN lengths by country, from the SWIFT IBAN registry (plus French overseas territories). */
  static final Map<String, Integer> LENGTHS = Map.ofEntries(
      Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20),
      Map.entry("AZ", 28), Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22),
      Map.entry("BH", 22), Map.entry("BI", 27), Map.entry("BR", 29), Map.entry("BY", 28),
      Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24),
      Map.entry("DE", 22), Map.entry("DJ", 27), Map.entry("DK", 18), Map.entry("DO", 28),
      Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24), Map.entry("FI", 18),
      Map.entry("FK", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22),
      Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27),
      Map.entry("GT", 28), Map.entry("HN", 28), Map.entry("HR", 21), Map.entry("HU", 28),
      Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26),
      Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20),
      Map.entry("LB", 28), Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20),
      Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("LY", 25), Map.entry("MC", 27),
      Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MN", 20),
      Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NI", 28),
      Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("OM", 23), Map.entry("PK", 24),
      Map.entry("PL", 28), Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29),
      Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("RU", 33), Map.entry("SA", 24),
      Map.entry("SC", 31), Map.entry("SD", 18), Map.entry("SE", 24), Map.entry("SI", 19),
      Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("SO", 23), Map.entry("ST", 25),
      Map.entry("SV", 28), Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26),
      Map.entry("UA", 29), Map.entry("VA", 22), Map.entry("VG", 24), Map.entry("XK", 20),
      Map.entry("YE", 30), Map.entry("GF", 27), Map.entry("GP", 27), Map.entry("MQ", 27),
      Map.entry("RE", 27), Map.entry("PF", 27), Map.entry("TF", 27), Map.entry("YT", 27),
      Map.entry("NC", 27), Map.entry("BL", 27), Map.entry("MF", 27), Map.entry("PM", 27),
      Map.entry("WF", 27));

  /** Lengths indexed by the two letters, so the scan does no hashing per position. */
  private static final byte[] BY_CODE = new byte[26 * 26];
  private static final ContextWords CONTEXT =
      new ContextWords("iban", "account", "bank", "transfer", "sepa", "bic", "swift", "konto");

  /**
   * Per char up to 'z' + 1: itself for a digit or an upper-case letter, its upper case for a
   * lower-case letter, 0 for anything else (and for every char beyond 'z', which reads as
   * 'z' + 1). One lookup instead of a test per kind of char.
   */
  private static final char[] IBAN_CHARS = new char['z' + 2];
  /**
   * Per IBAN char (a digit or an upper-case letter, all {@link #read} keeps): how far the number
   * of {@link #isValid} moves left for it (one decimal place for a digit, two for a letter, which
   * counts as 10-35) and what it adds. Looked up rather than chosen by a test: digits and letters
   * alternate at random in a BBAN, and a branch on which one comes next mispredicts.
   */
  private static final long[] SCALE = new long['Z' + 1];
  private static final long[] VALUE = new long['Z' + 1];

  static {
    for (char c = '0'; c <= 'z'; c++) {
      boolean lower = c >= 'a' && c <= 'z';
      IBAN_CHARS[c] = CharClasses.isDigit(c) || CharClasses.isUpper(c) ? c : lower ? (char) (c - 32) : 0;
    }
    for (char c = '0'; c <= 'Z'; c++) {
      SCALE[c] = CharClasses.isDigit(c) ? 10 : 100;
      VALUE[c] = CharClasses.isDigit(c) ? c - '0' : c - 'A' + 10;
    }
    LENGTHS.forEach((code, len) -> BY_CODE[(code.charAt(0) - 'A') * 26 + code.charAt(1) - 'A'] = len.byteValue());
  }

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.IBAN);
  }

  @Override
  public void scan(ScanContext ctx) {
    String s = ctx.text();
    int n = s.length();
    TextChunks chunks = ctx.chunks();
    char[] buf = new char[34];
    int i = 0;
    for (int k = 0; k < chunks.count(); k++) {
      // country code and check digits stand together: "GB82"
      int classes = chunks.classes(k);
      if ((classes & (TextChunks.UPPER | TextChunks.LOWER)) == 0 || (classes & TextChunks.DIGIT) == 0) {
        continue;
      }
      i = Math.max(i, chunks.start(k));
      int to = chunks.end(k);
      if ((classes & TextChunks.UPPER) == 0) {
        // a lower-case IBAN starts its chunk (after a quote or bracket): logs are full of
        // lower-case chunks with digits, and walking each of them would cost more than it finds
        while (i < to && !CharClasses.isAlnum(s.charAt(i))) {
          i++;
        }
        if (i < to && i + 15 <= n && checkDigitsAt(s, i)) {
          int end = ibanEnd(ctx, s, i, buf);
          i = end > 0 ? end : i + 1;
        }
        continue;
      }
      ctx.budget().charge(to - i);
      if ((classes & TextChunks.LOWER) == 0) {
        i = upperCaseStarts(ctx, s, i, to, buf);
        continue;
      }
      // An IBAN starts at a word boundary, so past a failed start the next one to try is after
      // the next char that is no word char. A grouped IBAN can run on into later chunks: the
      // walk goes on from its end, which is where the next chunk's budget charge starts too.
      while (i < to && i + 15 <= n) {
        int end = ibanEnd(ctx, s, i, buf);
        i = end > 0 ? end : nextNonWord(s, i, to) + 1;
      }
    }
  }

  /**
   * The walk of {@link #scan} over a chunk without lower case (timestamps, upper-case ids): an
   * IBAN there starts with two upper-case letters at a word start, so of any two neighbours one
   * is read, every second char, and only where it is an upper-case letter is the one start it
   * could belong to tried ({@link #startAround}), in text order. Returns where the walk ended,
   * as that loop does (past an IBAN that runs on into later chunks).
   *
   * <p>Only two kinds of start can hold an IBAN, and the walk steps over the others: one at least
   * 15 chars before the chunk's end (a compact or dash-grouped IBAN is 15 or more chars, none of
   * them whitespace, so it lies inside the chunk), and the one 4 chars before it (a space-grouped
   * IBAN's first group, which a space follows). A timestamp ("2026-11-21T10:46:24.385Z") is then read
   * at 7 places instead of 12. The starts left out would each have failed in {@link #read}
   * after {@link #ibanEnd} charged the budget for a valid country code, so on a text holding
   * such near-IBANs the scan charges fewer steps than it did.
   */
  private static int upperCaseStarts(ScanContext ctx, String s, int i, int to, char[] buf) {
    int last = Math.min(to, s.length() - 14); // the loop tries no start from which 15 chars do not fit
    int compact = to - 15;
    int grouped = to - 4;
    int q = i + 1;
    while (q - 1 < last) {
      if (q - 1 > compact && q < grouped) {
        q += (grouped - q + 1) & ~1; // on to grouped or just after it, every second char as before
        continue;
      }
      int start = startAround(s, q, i, last);
      int end = start < 0 || (start > compact && start != grouped) ? -1 : ibanEnd(ctx, s, start, buf);
      if (end > 0) {
        i = end;
        q = end + 1;
      } else {
        q += 2;
      }
    }
    return Math.max(i, to);
  }

  /**
   * The start before {@code last}, {@code q - 1} or {@code q}, of an IBAN the upper-case letter
   * at {@code q} may belong to, or -1. Its first two chars are upper-case letters and the char
   * before it is no word char (unless it is the walk's start {@code from}, which {@link
   * #ibanEnd} checks itself), so: {@code q - 1} if that is an upper-case letter too, {@code q}
   * if the char before it is no word char. The walk would have tried both; {@link #ibanEnd}
   * turns the others away before anything else.
   */
  private static int startAround(String s, int q, int from, int last) {
    if (!CharClasses.isUpper(s.charAt(q))) {
      return -1;
    }
    char before = s.charAt(q - 1);
    if (CharClasses.isUpper(before)) {
      return q - 1 == from || !CharClasses.isWordChar(s.charAt(q - 2)) ? q - 1 : -1;
    }
    return q < last && !CharClasses.isWordChar(before) ? q : -1;
  }

  /**
   * Whether the two chars after the country code of an IBAN starting at {@code i} are digits,
   * as its check digits are. {@link #ibanEnd} turns away every start without them before it
   * charges or records anything, so asking first changes nothing; it is the one test nearly
   * every lower-case log chunk fails ("req=", "user=", "ip=1", "path"), and it is cheaper than
   * the call.
   */
  private static boolean checkDigitsAt(String s, int i) {
    return CharClasses.isDigit(s.charAt(i + 2)) && CharClasses.isDigit(s.charAt(i + 3));
  }

  /** The first char in {@code [i, to)} that is no word char, or {@code to}. */
  private static int nextNonWord(String s, int i, int to) {
    while (i < to && CharClasses.isWordChar(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** End of the IBAN found at {@code i} (after recording it), or -1. */
  private static int ibanEnd(ScanContext ctx, String s, int i, char[] buf) {
    char a = s.charAt(i);
    boolean lower = a >= 'a' && a <= 'z';
    if (!(CharClasses.isUpper(a) || lower) || (i > 0 && CharClasses.isWordChar(s.charAt(i - 1)))) {
      return -1;
    }
    char b = s.charAt(i + 1);
    if (!(lower ? b >= 'a' && b <= 'z' : CharClasses.isUpper(b))
        || !CharClasses.isDigit(s.charAt(i + 2)) || !CharClasses.isDigit(s.charAt(i + 3))) {
      return -1;
    }
    if (lower) {
      a -= 32;
      b -= 32;
    }
    int len = BY_CODE[(a - 'A') * 26 + b - 'A'];
    if (len == 0 || ctx.budget().exhausted()) {
      return -1;
    }
    ctx.budget().charge(len * 2L);
    int end = read(s, i, len, buf, NO_GROUPS);
    // grouped: the first group of four ends at i + 4, and what follows it there joins every group
    char separator = i + 4 < s.length() ? s.charAt(i + 4) : NO_GROUPS;
    if (end < 0 && (separator == ' ' || separator == '-')) {
      end = read(s, i, len, buf, separator);
    }
    if (end < 0 || !isValid(buf, len)) {
      return -1;
    }
    ctx.add(EntityType.IBAN, i, end, 0.9 + (CONTEXT.near(s, i, end, ctx.budget()) ? 0.1 : 0));
    return end;
  }

  /** What {@link #read} is given for an IBAN written without groups. */
  private static final char NO_GROUPS = 0;

  /**
   * Copies {@code len} IBAN characters starting at {@code from} into buf, in upper case; returns
   * the end or -1. With a {@code separator} (' ' or '-'), exactly that char comes after every
   * group of four. A lower-case letter is taken anywhere: {@link #ibanEnd} has checked that the
   * country code is in one case and that the check digits (the third and fourth chars, before
   * any group break) are digits, so the letters that may not be lower case never come here.
   */
  private static int read(String s, int from, int len, char[] buf, char separator) {
    int n = s.length();
    int i = from;
    boolean grouped = separator != NO_GROUPS;
    for (int k = 0; k < len; k++) {
      if (grouped && k > 0 && k % 4 == 0) {
        if (i >= n || s.charAt(i) != separator) {
          return -1;
        }
        i++;
      }
      if (i >= n) {
        return -1;
      }
      char c = IBAN_CHARS[Math.min(s.charAt(i), 'z' + 1)];
      if (c == 0) {
        return -1;
      }
      buf[k] = c;
      i++;
    }
    boolean continues = i < n && (CharClasses.isWordChar(s.charAt(i))
        || (grouped && s.charAt(i) == separator && i + 1 < n && CharClasses.isAlnum(s.charAt(i + 1)) && len % 4 == 0
            && i + 4 < n && CharClasses.isAlnum(s.charAt(i + 4)) && CharClasses.isAlnum(s.charAt(i + 3))
            && CharClasses.isAlnum(s.charAt(i + 2))));
    return continues ? -1 : i;
  }

  /**
   * The ISO 7064 mod-97 check of the first {@code len} chars of {@code iban}, which are digits
   * and upper-case letters only, as {@link #read} leaves them.
   */
  static boolean isValid(char[] iban, int len) {
    int check = (iban[2] - '0') * 10 + (iban[3] - '0');
    if (check < 2 || check > 98) {
      return false;
    }
    // the number read from the fifth char on, then the first four; a remainder is taken only
    // once the number reaches 10^16 (a step adds at most two decimal places, so it stays under
    // 10^18 and fits), which leaves the remainder mod 97 as it is
    long r = 0;
    for (int k = 4; k < len + 4; k++) {
      char c = iban[k < len ? k : k - len];
      r = r * SCALE[c] + VALUE[c];
      if (r >= 10_000_000_000_000_000L) {
        r %= 97;
      }
    }
    return r % 97 == 1;
  }
}
