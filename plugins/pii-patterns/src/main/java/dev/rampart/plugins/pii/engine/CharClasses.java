package dev.rampart.plugins.pii.engine;

/** ASCII character classes the scanners share; deliberately ASCII-only and branch-cheap. */
final class CharClasses {

  private CharClasses() {}

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isAlnum(char c) {
    return isDigit(c) || isLetter(c);
  }

  static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  /** True for letters and digits in any script, so "Zoë4111..." is not a boundary. */
  static boolean isWordChar(char c) {
    return c < 128 ? isAlnum(c) || c == '_' : Character.isLetterOrDigit(c);
  }

  static boolean isBase64Url(char c) {
    return isAlnum(c) || c == '-' || c == '_';
  }

  static boolean isBase64(char c) {
    return isAlnum(c) || c == '+' || c == '/';
  }

  /** True when {@code i} is outside the text or holds a character that is not a word char. */
  static boolean boundaryAt(CharSequence s, int i) {
    return i < 0 || i >= s.length() || !isWordChar(s.charAt(i));
  }
}
