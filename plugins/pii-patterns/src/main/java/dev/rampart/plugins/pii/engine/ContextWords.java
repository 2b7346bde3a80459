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
   * it (either case): most positions are turned away by this alone.
   */
  private final byte[] kinds = new byte[128];
  /** Words of the list by first letter (index c - 'a'). */
  private final String[][] byFirstLetter = new String[26][];

  private static final int LETTER = 1;
  private static final int START = 2;

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
      kinds[c] = (byte) ((CharClasses.isLetter(c) ? LETTER : 0) | (mayStart ? START : 0));
    }
    for (int l = 0; l < 26; l++) {
      char letter = (char) ('a' + l);
      byFirstLetter[l] = java.util.Arrays.stream(words).filter(w -> w.charAt(0) == letter).toArray(String[]::new);
    }
  }

  /** {@link #kinds} of any char; 0 from 128 up (no word starts there, and it is no ASCII letter). */
  private int kind(char c) {
    return c < 128 ? kinds[c] : 0;
  }

  /** True when one of the words occurs within the window around {@code [start, end)}. */
  boolean near(String text, int start, int end, ScanBudget budget) {
    int from = Math.max(0, start - BEFORE);
    int to = Math.min(text.length(), end + AFTER);
    budget.charge((long) (to - from) * words.length / 4 + 1);
    return occursIn(text, from, start) || occursIn(text, end, to);
  }

  private boolean occursIn(String text, int from, int to) {
    // backwards: the label of a value usually stands right before it ("ip=", "SSN: "), so most
    // hits come after a few chars; the answer (is there one?) does not depend on the order.
    // Each char is read once: the kind of the one before i is the next one's kind.
    if (to - 1 < from) {
      return false;
    }
    int kind = kind(text.charAt(to - 1));
    for (int i = to - 1; i >= from; i--) {
      int current = kind;
      kind = i > 0 ? kind(text.charAt(i - 1)) : 0;
      if ((current & START) == 0 || (kind & LETTER) != 0) {
        continue;
      }
      for (String w : byFirstLetter[(text.charAt(i) | 0x20) - 'a']) {
        int after = i + w.length();
        if (after <= to
            && matchesAt(text, i, w)
            && (after == text.length() || !CharClasses.isLetter(text.charAt(after)))) {
          return true;
        }
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
      if (!CharClasses.isLetter(c) || (t | 0x20) != c) {
        return false;
      }
    }
    return true;
  }
}
