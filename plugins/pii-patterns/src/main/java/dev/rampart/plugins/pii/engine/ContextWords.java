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
   * ASCII chars a word starts with, either case: most positions are turned away by this alone.
   * No char from 128 up is one ({@code (c | 0x20) - 'a'} is then 63 or more).
   */
  private final boolean[] mayStart = new boolean[128];

  /** {@code words} in lower case; each must stand as a whole word (list plurals explicitly). */
  ContextWords(String... words) {
    this.words = words;
    int first = 0;
    for (String w : words) {
      first |= 1 << (w.charAt(0) - 'a');
    }
    for (char c = 0; c < 128; c++) {
      int letter = (char) ((c | 0x20) - 'a');
      mayStart[c] = letter < 26 && (first & (1 << letter)) != 0;
    }
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
    // hits come after a few chars; the answer (is there one?) does not depend on the order
    // each char is read once: the one before i is the next c (' ' stands for "no char")
    if (to - 1 < from) {
      return false;
    }
    char before = text.charAt(to - 1);
    for (int i = to - 1; i >= from; i--) {
      char c = before;
      before = i > 0 ? text.charAt(i - 1) : ' ';
      if (c >= 128 || !mayStart[c] || CharClasses.isLetter(before)) {
        continue;
      }
      int letter = (c | 0x20) - 'a';
      for (String w : words) {
        int after = i + w.length();
        if (w.charAt(0) == letter + 'a'
            && after <= to
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
