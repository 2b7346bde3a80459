package dev.rampart.platform.guard;

/**
 * Replaces unpaired UTF-16 surrogates with U+FFFD. One char for one, so offsets into the result
 * are offsets into the original. Such text cannot be encoded as UTF-8 (a store, a log file or a
 * client would get {@code ?} or an error), and a detector should not have to care.
 */
final class UnpairedSurrogates {

  static final char REPLACEMENT = '\uFFFD';

  private UnpairedSurrogates() {}

  static String replace(String text) {
    int first = firstUnpaired(text, 0);
    if (first < 0) {
      return text;
    }
    char[] chars = text.toCharArray();
    for (int i = first; i >= 0; i = firstUnpaired(text, i + 1)) {
      chars[i] = REPLACEMENT;
    }
    return new String(chars);
  }

  private static int firstUnpaired(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}
