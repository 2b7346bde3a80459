package dev.rampart.plugins.pii.engine;

/**
 * Words that, found near a match, make it likelier to be what its shape says ("card" near a
 * Luhn-valid number). The search window is bounded, so each lookup costs a constant.
 */
final class ContextWords {

  /** How far before a match to look; text before a value usually labels it ("SSN: ..."). */
  static final int BEFORE = 48;
  /** How far after a match to look. */
  static final int AFTER = 24;

  private final String[] words;
  /**
   * Per ASCII char: {@link #LETTER} if a letter, {@link #START} if a word of the list starts with
   * it (either case), {@link #IN_WORDS} if it can stand in a match of a word at all (at any
   * offset, in either case): most positions are turned away by this alone.
   */
  private final byte[] kinds = new byte[128];
  /** Words of the list by first letter (index c - 'a'). */
  private final String[][] byFirstLetter = new String[26][];
  /** The length of the shortest word: how far a char no word holds lets the search skip. */
  private final int shortest;

  private static final int LETTER = 1;
  private static final int START = 2;
  private static final int IN_WORDS = 4;
  /** The shortest word length from which {@link #occursSkipping} pays (measured on log and prose windows). */
  private static final int SKIP_FROM = 4;

  /** {@code words} in lower case; each must stand as a whole word (list plurals explicitly). */
  ContextWords(String... words) {
    this.words = words;
    int first = 0;
    for (String w : words) {
      first |= 1 << (w.charAt(0) - 'a');
    }
    for (char c = 0; c < 128; c++) {
      int letter = (char) ((c | 0x20) - 'a');
      boolean mayStart = letter < 26 && (first & (1 << letter)) != 0;
      boolean inWords = false;
      for (String w : words) {
        for (int k = 0; k < w.length(); k++) {
          inWords |= matchesAscii(c, w.charAt(k));
        }
      }
      kinds[c] = (byte) ((CharClasses.isLetter(c) ? LETTER : 0) | (mayStart ? START : 0) | (inWords ? IN_WORDS : 0));
    }
    for (int l = 0; l < 26; l++) {
      char letter = (char) ('a' + l);
      byFirstLetter[l] = java.util.Arrays.stream(words).filter(w -> w.charAt(0) == letter).toArray(String[]::new);
    }
    shortest = java.util.Arrays.stream(words).mapToInt(String::length).min().orElseThrow();
  }

  /**
   * {@link #kinds} of any char; from 128 up only {@link #IN_WORDS}: no word starts there, it is
   * no ASCII letter, and {@link #matchesAt} may still match it to a word's char.
   */
  private int kind(char c) {
    return c < 128 ? kinds[c] : IN_WORDS;
  }

  /** True when one of the words occurs within the window around {@code [start, end)}. */
  boolean near(String text, int start, int end, ScanBudget budget) {
    int from = Math.max(0, start - BEFORE);
    int to = Math.min(text.length(), end + AFTER);
    budget.charge((long) (to - from) * words.length / 4 + 1);
    return occursIn(text, from, start) || occursIn(text, end, to);
  }

  /** True when one of the words occurs within {@code [from, to)} (clamped to the text). */
  boolean within(String text, int from, int to, ScanBudget budget) {
    int f = Math.max(0, from);
    int t = Math.min(text.length(), to);
    budget.charge((long) Math.max(0, t - f) * words.length / 4 + 1);
    return f < t && occursIn(text, f, t);
  }

  private boolean occursIn(String text, int from, int to) {
    return shortest >= SKIP_FROM ? occursSkipping(text, from, to) : occursCharByChar(text, from, to);
  }

  /**
   * Every position of the window, backwards: the label of a value usually stands right before it
   * ("ip=", "SSN: "), so most hits come after a few chars; the answer (is there one?) does not
   * depend on the order. Each char is read once: the kind of the one before i is the next one's.
   */
  private boolean occursCharByChar(String text, int from, int to) {
    if (to - 1 < from) {
      return false;
    }
    int kind = kind(text.charAt(to - 1));
    for (int i = to - 1; i >= from; i--) {
      int current = kind;
      kind = i > 0 ? kind(text.charAt(i - 1)) : 0;
      if ((current & START) != 0 && (kind & LETTER) == 0 && wordAt(text, i, to)) {
        return true;
      }
    }
    return false;
  }

  /**
   * As {@link #occursCharByChar}, skipping where no match can start: one starting in
   * {@code (i - shortest, i]} is at least {@code shortest} long, so it holds {@code text[i]}; if
   * that is a char no word holds (a digit, most punctuation, a letter of no word), the search
   * moves {@code shortest} positions on at once. Each step depends on the char read, which costs
   * more than the plain walk where skips are short: it is used for lists of long words only.
   */
  private boolean occursSkipping(String text, int from, int to) {
    int i = to - 1;
    while (i >= from) {
      int kind = kind(text.charAt(i));
      if ((kind & IN_WORDS) == 0) {
        i -= shortest;
        continue;
      }
      if ((kind & START) != 0 && (i == 0 || !CharClasses.isLetter(text.charAt(i - 1))) && wordAt(text, i, to)) {
        return true;
      }
      i--;
    }
    return false;
  }

  /** Whether a word of the list that ends by {@code to} starts at {@code i}, a letter some word starts with. */
  private boolean wordAt(String text, int i, int to) {
    for (String w : byFirstLetter[(text.charAt(i) | 0x20) - 'a']) {
      int after = i + w.length();
      if (after <= to
          && matchesAt(text, i, w)
          && (after == text.length() || !CharClasses.isLetter(text.charAt(after)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code text.regionMatches(true, i, w, 0, w.length())} for a lower-case ASCII {@code w} that
   * fits: ASCII is compared here, and the first non-ASCII char hands over to the JDK, whose
   * Unicode case rules ("K" Kelvin sign for "k") this must keep.
   */
  private static boolean matchesAt(String text, int i, String w) {
    for (int k = 0; k < w.length(); k++) {
      char t = text.charAt(i + k);
      char c = w.charAt(k);
      if (t == c) {
        continue;
      }
      if (t >= 0x80) {
        return text.regionMatches(true, i, w, 0, w.length());
      }
      if (!matchesAscii(t, c)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the ASCII text char {@code t} matches the word char {@code c}, ASCII case ignored. */
  private static boolean matchesAscii(char t, char c) {
    return t == c || (CharClasses.isLetter(c) && (t | 0x20) == c);
  }
}
