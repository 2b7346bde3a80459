package dev.rampart.plugins.pii.engine;

/**
 * A run of digit groups joined by one separator that is the same throughout the run (space or
 * dash), e.g. {@code 4111 1111 1111 1111}. Parsed once per run, from the digit-run list.
 */
final class DigitGroups {

  int count;
  int[] starts = new int[8];
  int[] ends = new int[8];
  /** Where the run stops: the end of its last group. */
  int end;

  /**
   * Parses the run starting at digit run {@code k} of {@code chunks}; a space or a dash may join
   * groups (the first one used fixes the separator for the rest of the run). It reads the run
   * list, not the digits: the runs are the text's maximal digit runs in order, so each group is
   * one run, and the char after a separator is a digit exactly when the next run starts there.
   * Only the separators are read from the text.
   */
  DigitGroups parse(String s, TextChunks chunks, int k) {
    count = 0;
    int runs = chunks.digitRunCount();
    char sep = 0;
    int stop = chunks.digitRunEnd(k);
    add(chunks.digitRunStart(k), stop);
    while (++k < runs && chunks.digitRunStart(k) == stop + 1) {
      char c = s.charAt(stop);
      if (sep == 0 && (c == ' ' || c == '-')) {
        sep = c;
      }
      if (sep == 0 || c != sep) {
        break;
      }
      stop = chunks.digitRunEnd(k);
      add(chunks.digitRunStart(k), stop);
    }
    end = stop;
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
