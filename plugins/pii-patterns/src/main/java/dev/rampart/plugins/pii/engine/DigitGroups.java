package dev.rampart.plugins.pii.engine;

/**
 * A run of digit groups joined by one separator that is the same throughout the run (space or
 * dash), e.g. {@code 4111 1111 1111 1111}. Parsed once per run so every digit is visited once.
 */
final class DigitGroups {

  int count;
  int[] starts = new int[8];
  int[] ends = new int[8];
  /** Where the run stops: the end of its last group. */
  int end;

  /**
   * Parses the run starting at digit {@code from}; a space or a dash may join groups (the first
   * one used fixes the separator for the rest of the run).
   */
  DigitGroups parse(String s, int from) {
    count = 0;
    int n = s.length();
    int i = from;
    char sep = 0;
    while (true) {
      int g = i;
      while (i < n && CharClasses.isDigit(s.charAt(i))) {
        i++;
      }
      add(g, i);
      if (i + 1 < n && CharClasses.isDigit(s.charAt(i + 1))) {
        char c = s.charAt(i);
        if (sep == 0 && (c == ' ' || c == '-')) {
          sep = c;
        }
        if (sep != 0 && c == sep) {
          i++;
          continue;
        }
      }
      break;
    }
    end = i;
    return this;
  }

  int size(int g) {
    return ends[g] - starts[g];
  }

  /** Whether the groups have exactly these sizes, in order ({@code 3, 2, 4} for an SSN). */
  boolean hasSizes(int... sizes) {
    if (count != sizes.length) {
      return false;
    }
    for (int g = 0; g < count; g++) {
      if (size(g) != sizes[g]) {
        return false;
      }
    }
    return true;
  }

  /** Copies the run's digits, without separators, into {@code into}; returns how many. */
  int copyDigits(String s, char[] into) {
    int k = 0;
    for (int g = 0; g < count; g++) {
      s.getChars(starts[g], ends[g], into, k);
      k += size(g);
    }
    return k;
  }

  private void add(int start, int stop) {
    if (count == starts.length) {
      starts = java.util.Arrays.copyOf(starts, count * 2);
      ends = java.util.Arrays.copyOf(ends, count * 2);
    }
    starts[count] = start;
    ends[count] = stop;
    count++;
  }

  /** True when the digit at {@code i} continues a number to its left ("3.1415...", "ID4111"). */
  static boolean gluedLeft(String s, int i) {
    if (i == 0) {
      return false;
    }
    char p = s.charAt(i - 1);
    if (CharClasses.isWordChar(p)) {
      return true;
    }
    // compares, not ".,/:".indexOf(p): this is asked at every number-shaped start, and the call cost more than the test
    return i >= 2 && (p == '.' || p == ',' || p == '/' || p == ':') && CharClasses.isDigit(s.charAt(i - 2));
  }

  /** True when the text after {@code end} continues the number ("...1111abc", "...1111.5"). */
  static boolean gluedRight(String s, int end) {
    if (end >= s.length()) {
      return false;
    }
    char c = s.charAt(end);
    if (CharClasses.isWordChar(c)) {
      return true;
    }
    return end + 1 < s.length() && (c == '.' || c == ',' || c == '/') && CharClasses.isDigit(s.charAt(end + 1));
  }
}
