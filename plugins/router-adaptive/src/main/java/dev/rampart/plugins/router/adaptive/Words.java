package dev.rampart.plugins.router.adaptive;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Text reduced to lower-case words (letters and digits), the form domain keywords and novelty
 * shingles are compared in. Only the first {@value #MAX_CHARS} characters are read, which bounds
 * the cost of feature extraction for any prompt size.
 */
final class Words {

  static final int MAX_CHARS = 16_384;

  private Words() {}

  static List<String> of(CharSequence text) {
    List<String> words = new ArrayList<>();
    int end = Math.min(text.length(), MAX_CHARS);
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < end; i++) {
      char ch = text.charAt(i);
      if (Character.isLetterOrDigit(ch)) {
        word.append(Character.toLowerCase(ch));
      } else if (word.length() > 0) {
        words.add(word.toString());
        word.setLength(0);
      }
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return words;
  }

  /** {@code " w1 w2 ... "}: padded so a phrase matches only on word boundaries. */
  static String padded(List<String> words) {
    return " " + String.join(" ", words) + " ";
  }

  /** A keyword or phrase in the padded form. */
  static String phrase(String keyword) {
    return padded(of(keyword.toLowerCase(Locale.ROOT)));
  }
}
