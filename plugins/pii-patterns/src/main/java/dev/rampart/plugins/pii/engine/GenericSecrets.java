package dev.rampart.plugins.pii.engine;

import java.util.Set;

/**
 * Secrets without a known prefix: a token of at least 20 characters whose character
 * distribution looks random (Shannon entropy per character at or above a threshold, letters and
 * digits mixed) and that stands within a few words after a word such as "password", "secret",
 * "token" or "api_key". Both conditions are needed: random-looking tokens alone are usually
 * hashes or ids, and "password" alone is just a word. A keyword starts a word, or a camelCase
 * part of a name ({@code accessToken}, {@code clientSecret}, {@code AccountKey}).
 */
final class GenericSecrets implements EntityScanner {

  private static final int MIN_LENGTH = 20;
  static final int MAX_LENGTH = 512;
  /** How far back from the token a keyword may stand ("api_key = '...'"). */
  static final int WINDOW = 32;
  private static final double MIN_ENTROPY_BITS = 3.2;
  private static final String[] KEYWORDS = {
    "password", "passwd", "pwd", "pass", "secret", "token", "key", "apikey", "api_key", "api-key",
    "access_key", "secret_key", "client_secret", "auth", "authorization", "bearer", "credential",
    "credentials", "private_key"
  };

  /** The keywords by first letter (index c - 'a'). */
  private static final String[][] KEYWORDS_BY_FIRST_LETTER = new String[26][];

  static {
    for (int c = 0; c < 26; c++) {
      char letter = (char) ('a' + c);
      KEYWORDS_BY_FIRST_LETTER[c] = java.util.Arrays.stream(KEYWORDS).filter(w -> w.charAt(0) == letter).toArray(String[]::new);
    }
  }

  /** Bit (c - 'a') set when a keyword starts with c. */
  private static final int KEYWORD_FIRST_LETTERS = firstLetters(KEYWORDS);

  private static int firstLetters(String[] words) {
    int bits = 0;
    for (String w : words) {
      bits |= 1 << (w.charAt(0) - 'a');
    }
    return bits;
  }

  /**
   * Per ASCII char, how many places, from its own back, no keyword can start at: the least offset
   * at which some keyword holds the char (either case), or the shortest keyword's length if none
   * does (a keyword starting further back is not ruled out, it may end before the char). 0 for a
   * letter some keyword starts with.
   */
  private static final byte[] SKIPS = new byte[128];

  static {
    int shortest = java.util.Arrays.stream(KEYWORDS).mapToInt(String::length).min().orElseThrow();
    for (char c = 0; c < 128; c++) {
      int skip = shortest;
      for (String w : KEYWORDS) {
        for (int offset = 0; offset < skip; offset++) {
          char k = w.charAt(offset);
          if (c == k || (CharClasses.isLetter(k) && (c | 0x20) == k)) {
            skip = offset;
          }
        }
      }
      SKIPS[c] = (byte) skip;
    }
  }

  /**
   * Per ASCII char (index 128 stands for every other char), the first three chars of the
   * keywords it fits: bit p when it can be the first char of prefix p, bit 16 + p the second, bit
   * 32 + p the third. Built from the tests {@link #keywordAt} makes: a first char is an ASCII
   * letter (the walks try no other), an ASCII char further on equals the keyword's or is its
   * other case, and a non-ASCII char there fits every prefix ({@link #matchesIgnoringAsciiCase}
   * hands those to the JDK's case rules, which match a few to ASCII letters: the Kelvin sign to
   * 'k'). So where the three chars fit no prefix, no keyword starts.
   */
  private static final long[] PREFIXES = new long[129];

  static {
    java.util.List<String> prefixes = new java.util.ArrayList<>();
    for (String w : KEYWORDS) {
      if (!prefixes.contains(w.substring(0, 3))) {
        prefixes.add(w.substring(0, 3));
      }
    }
    if (prefixes.size() > 16) {
      throw new IllegalStateException("more keyword prefixes than the table has bits for");
    }
    for (int c = 0; c <= 128; c++) {
      for (int p = 0; p < prefixes.size(); p++) {
        if (c < 128 && CharClasses.isLetter((char) c) && (c | 0x20) == prefixes.get(p).charAt(0)) {
          PREFIXES[c] |= 1L << p;
        }
        for (int offset = 1; offset < 3; offset++) {
          char k = prefixes.get(p).charAt(offset);
          if (c == 128 || c == k || (CharClasses.isLetter(k) && (c | 0x20) == k)) {
            PREFIXES[c] |= 1L << (16 * offset + p);
          }
        }
      }
    }
  }

  /**
   * Whether the three chars from {@code i} (which must be in the text) can begin a keyword (see
   * {@link #PREFIXES}): most places {@link #keywordAt} would be asked about in log lines ("T10:",
   * "status", "path=") are turned away by this one test before the keyword list is tried.
   */
  private static boolean prefixFits(String s, int i) {
    return (PREFIXES[Math.min(s.charAt(i), 128)] & (PREFIXES[Math.min(s.charAt(i + 1), 128)] >>> 16)
        & (PREFIXES[Math.min(s.charAt(i + 2), 128)] >>> 32) & 0xFFFF) != 0;
  }

  /** The length of the shortest keyword. */
  private static final int SHORTEST = java.util.Arrays.stream(KEYWORDS).mapToInt(String::length).min().orElseThrow();

  /**
   * {@link #SKIPS} of any char; from 128 up 1: no keyword starts with such a char, but the JDK's
   * case rules may match it to a later char of one (the Kelvin sign to the 'k' of "token").
   */
  private static int skip(char c) {
    return c < 128 ? SKIPS[c] : 1;
  }

  /**
   * The shortest run whose value can be reported: a name holding a keyword (at least {@link
   * #SHORTEST} chars), '=', and a value of {@link #MIN_LENGTH}. A shorter run ("req=" and 16 hex
   * digits, every log line) is not searched for an assignment at all; the search charges nothing,
   * so the budget is the same.
   */
  private static final int MIN_ASSIGNMENT = SHORTEST + 1 + MIN_LENGTH;

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.GENERIC_SECRET);
  }

  @Override
  public void scan(ScanContext ctx) {
    String s = ctx.text();
    int[] counts = new int[128];
    // a token of MIN_LENGTH (= LONG_CHUNK) chars lies in a long run of secret chars
    int[] runs = ctx.longTokensWithChunks();
    for (int r = 0; r < ctx.longTokenCount() && !ctx.budget().exhausted(); r++) {
      int start = runs[r * 3];
      int end = runs[r * 3 + 1];
      if (!examine(ctx, s, start, end, counts, true) && end - start >= MIN_ASSIGNMENT) {
        // "api_key=..." is one run of secret chars: the value after the first '=' is a token of
        // its own when the name before it holds a keyword (which then need not be near the value)
        int value = assignedValueStart(s, start, end);
        if (value > 0) {
          examine(ctx, s, value, end, counts, false);
        }
      }
    }
  }

  /**
   * Reports the token in {@code [start, end)} if it qualifies (with a keyword before it if
   * {@code needKeyword}); says whether it did.
   */
  private static boolean examine(ScanContext ctx, String s, int start, int end, int[] counts, boolean needKeyword) {
    int tokenEnd = end;
    while (tokenEnd > start && (s.charAt(tokenEnd - 1) == '.' || s.charAt(tokenEnd - 1) == '-')) {
      tokenEnd--; // sentence punctuation after the token
    }
    int len = tokenEnd - start;
    // the keyword test first: it is cheaper, and most long tokens (paths, hashes) have none
    if (len >= MIN_LENGTH && len <= MAX_LENGTH && (!needKeyword || keywordBefore(s, start, ctx.budget()))
        && looksRandom(s, start, tokenEnd, counts)) {
      ctx.add(EntityType.GENERIC_SECRET, start, tokenEnd, 0.75);
      return true;
    }
    return false;
  }

  /**
   * Where the value of {@code NAME=value} in the run {@code [start, end)} starts, when NAME holds a
   * keyword as a whole part of it ("api_key", "DB_PASSWORD", "TOKEN_FOR_CI", "AccountKey"; not
   * "author_id" or "tokenizer"); -1 otherwise.
   */
  static int assignedValueStart(String s, int start, int end) {
    int value = valueStart(s, start, end);
    return value > 0 && keywordIn(s, start, value - 1, true) ? value : -1;
  }

  /** Where the value of an assignment inside the run starts (after its first '=' not followed by '='), or -1. */
  private static int valueStart(String s, int start, int end) {
    for (int k = start + 1; k + 1 < end; k++) {
      if (s.charAt(k) == '=' && s.charAt(k + 1) != '=') {
        return k + 1;
      }
    }
    return -1;
  }


  static boolean looksRandom(String s, int from, int to, int[] counts) {
    java.util.Arrays.fill(counts, 0);
    boolean letter = false;
    boolean digit = false;
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      counts[c]++;
      letter |= CharClasses.isLetter(c);
      digit |= CharClasses.isDigit(c);
    }
    if (!letter || !digit) {
      return false;
    }
    double len = to - from;
    double bits = 0;
    for (int count : counts) {
      if (count > 0) {
        double p = count / len;
        bits -= p * Math.log(p);
      }
    }
    return bits / Math.log(2) >= MIN_ENTROPY_BITS;
  }

  /**
   * {@code keywordIn(s, start - WINDOW, start, false)}, reading fewer chars: the window is walked
   * backwards, and a char rules out a keyword starting at the {@link #skip} places up to it,
   * since such a keyword would hold it at an offset where none does; the walk moves that far at
   * once. A digit or most punctuation moves it three places, and the window chars of log lines
   * are mostly those: about half the reads go. Whether there is a keyword does not depend on the
   * order it is looked for in.
   *
   * <p>Each step waits for the char it reads and for that char's skip before the next read can
   * start, so one walk leaves the CPU idle most of the time. The window is therefore walked as
   * two halves side by side, each step of one independent of the other's (a walk from {@code p}
   * down to {@code lo} decides every start in {@code [lo, p]}, so the halves together decide the
   * whole window): the windows of log lines were searched 1.4 times as fast.
   */
  private static boolean keywordBefore(String s, int start, ScanBudget budget) {
    int from = Math.max(0, start - WINDOW);
    budget.charge(start - from);
    int mid = (from + start) >>> 1;
    int upper = start - 1; // decides the starts in [mid, start)
    int lower = mid - 1; // decides the starts in [from, mid)
    while (upper >= mid && lower >= from) {
      int upperSkip = skip(s.charAt(upper));
      int lowerSkip = skip(s.charAt(lower));
      if (upperSkip == 0) {
        if (keywordStartsAt(s, upper, start)) {
          return true;
        }
        upperSkip = 1;
      }
      if (lowerSkip == 0) {
        if (keywordStartsAt(s, lower, start)) {
          return true;
        }
        lowerSkip = 1;
      }
      upper -= upperSkip;
      lower -= lowerSkip;
    }
    // one half is done; the other goes on alone
    return upper >= mid ? keywordWalkingBack(s, upper, mid, start) : keywordWalkingBack(s, lower, from, start);
  }

  /** Whether a keyword ending by {@code to} starts in {@code [from, i]}: the skipping walk, from {@code i} down. */
  private static boolean keywordWalkingBack(String s, int i, int from, int to) {
    while (i >= from) {
      int skip = skip(s.charAt(i));
      if (skip == 0) {
        if (keywordStartsAt(s, i, to)) {
          return true;
        }
        skip = 1;
      }
      i -= skip;
    }
    return false;
  }

  /**
   * Whether a keyword ending by {@code to} starts at {@code i} (an ASCII letter some keyword
   * starts with) where a word or a camelCase part starts ({@link #partStartsAt}).
   */
  private static boolean keywordStartsAt(String s, int i, int to) {
    return partStartsAt(s, i) && keywordFitsAt(s, i, to, false);
  }

  /**
   * Whether a part of a name may start at {@code i}: after no letter, or as a capital after a
   * lower-case letter and before another ("access|Token", "Account|Key"; not "mon|key", nor
   * "rules|TOKEN", where words ran together).
   */
  static boolean partStartsAt(String s, int i) {
    if (i == 0) {
      return true;
    }
    char before = s.charAt(i - 1);
    return !CharClasses.isLetter(before)
        || (CharClasses.isUpper(s.charAt(i)) && isLower(before) && i + 1 < s.length() && isLower(s.charAt(i + 1)));
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  /**
   * {@link #keywordAt}, asked only where a keyword fits before {@code to} and its first three
   * chars fit a keyword's ({@link #prefixFits}).
   */
  private static boolean keywordFitsAt(String s, int i, int to, boolean wholeWord) {
    return i + SHORTEST <= to && prefixFits(s, i) && keywordAt(s, i, to, wholeWord);
  }

  /**
   * Whether a keyword starts at a word start in {@code [from, to)} and ends by {@code to} (not
   * followed by "-----" or " BLOCK-----", which label a PEM or PGP block: "PUBLIC KEY-----"); if
   * {@code wholeWord}, no letter may follow it either ("token_" counts, "tokenizer" does not).
   */
  private static boolean keywordIn(String s, int from, int to, boolean wholeWord) {
    return keywordStart(s, from, to, wholeWord) >= 0;
  }

  /** Where the first keyword {@link #keywordIn} looks for starts, or -1. */
  static int keywordStart(String s, int from, int to, boolean wholeWord) {
    for (int k = from; k < to; k++) {
      char c = (char) (s.charAt(k) | 0x20);
      if (c < 'a' || c > 'z' || (KEYWORD_FIRST_LETTERS & (1 << (c - 'a'))) == 0 || !partStartsAt(s, k)) {
        continue;
      }
      if (keywordFitsAt(s, k, to, wholeWord)) {
        return k;
      }
    }
    return -1;
  }

  /** Whether a keyword {@link #keywordIn} looks for starts at {@code k}, an ASCII letter some keyword starts with. */
  private static boolean keywordAt(String s, int k, int to, boolean wholeWord) {
    for (String w : KEYWORDS_BY_FIRST_LETTER[(s.charAt(k) | 0x20) - 'a']) {
      int after = k + w.length();
      if (after <= to && matchesIgnoringAsciiCase(s, k, w)
          && !s.startsWith("-----", after) && !s.startsWith(" BLOCK-----", after)
          && (!wholeWord || after == to || !CharClasses.isLetter(s.charAt(after)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code s.regionMatches(true, k, w, 0, w.length())} for a lower-case ASCII keyword: ASCII is
   * compared here and a non-ASCII char hands over to the JDK, whose Unicode case rules
   * (the Kelvin sign 'K' for 'k') this keeps.
   */
  private static boolean matchesIgnoringAsciiCase(String s, int k, String w) {
    for (int j = 0; j < w.length(); j++) {
      char t = s.charAt(k + j);
      if (t >= 0x80) {
        return s.regionMatches(true, k, w, 0, w.length());
      }
      char c = w.charAt(j);
      if (t != c && (!CharClasses.isLetter(c) || (t | 0x20) != c)) {
        return false;
      }
    }
    return true;
  }
}
