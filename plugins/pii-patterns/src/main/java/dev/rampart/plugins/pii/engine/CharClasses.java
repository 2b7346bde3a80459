package dev.rampart.plugins.pii.engine;

/**
 * ASCII character classes the scanners share; deliberately ASCII-only and branch-cheap. The
 * classes asked for in the hot walks are one load from a 128-entry table (a chain of range
 * compares was a large share of the logs profile); each table is built from the plain
 * definition written next to it, so the answers are the same by construction.
 */
final class CharClasses {

  private CharClasses() {}

  static final int ALNUM = 1;
  static final int HEX = 1 << 1;
  static final int LETTER = 1 << 2;
  /** Alphanumeric or '_'. */
  static final int WORD = 1 << 3;
  /** Standard base64 alphabet: alphanumeric, '+', '/'. */
  static final int BASE64 = 1 << 4;
  /** URL-safe base64 alphabet: alphanumeric, '-', '_'. */
  static final int BASE64_URL = 1 << 5;
  /** Either base64 alphabet or '=' padding. */
  static final int BASE64_RUN = 1 << 6;
  /** Chars of a generic secret token: alphanumeric or one of {@code _-+/=.~}. */
  static final int SECRET = 1 << 7;
  /** Hex digit, ':' or '.': chars of an IPv4 or IPv6 run. */
  static final int IP_RUN = 1 << 8;
  /** Chars of an e-mail local part (RFC 5322 atext, plus '.'). */
  static final int ATEXT = 1 << 9;

  /** Indexed by the whole char (non-ASCII slots are 0), so a test needs no {@code c < 128} first. */
  private static final short[] TABLE = new short[Character.MAX_VALUE + 1];

  static {
    for (char c = 0; c < 128; c++) {
      boolean digit = c >= '0' && c <= '9';
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      boolean alnum = digit || letter;
      boolean hex = digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      boolean base64 = alnum || c == '+' || c == '/';
      boolean base64Url = alnum || c == '-' || c == '_';
      int bits = (alnum ? ALNUM : 0)
          | (hex ? HEX : 0)
          | (letter ? LETTER : 0)
          | (alnum || c == '_' ? WORD : 0)
          | (base64 ? BASE64 : 0)
          | (base64Url ? BASE64_URL : 0)
          | (base64 || c == '=' || c == '-' || c == '_' ? BASE64_RUN : 0)
          | (alnum || c == '_' || c == '-' || c == '+' || c == '/' || c == '=' || c == '.' || c == '~' ? SECRET : 0)
          | (hex || c == ':' || c == '.' ? IP_RUN : 0)
          | (alnum || "!#$%&'*+/=?^_`{|}~.-".indexOf(c) >= 0 ? ATEXT : 0);
      TABLE[c] = (short) bits;
    }
  }

  /** True when {@code c} is ASCII and in at least one class of {@code mask} (callers pass one class). */
  static boolean is(char c, int mask) {
    return (TABLE[c] & mask) != 0;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isLetter(char c) {
    return is(c, LETTER);
  }

  static boolean isAlnum(char c) {
    return is(c, ALNUM);
  }

  static boolean isHex(char c) {
    return is(c, HEX);
  }

  static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  /** True for letters and digits in any script, so "Zoë4111..." is not a boundary. */
  static boolean isWordChar(char c) {
    return c < 128 ? (TABLE[c] & WORD) != 0 : Character.isLetterOrDigit(c);
  }

  static boolean isBase64Url(char c) {
    return is(c, BASE64_URL);
  }

  static boolean isBase64(char c) {
    return is(c, BASE64);
  }

  /** True when {@code i} is outside the text or holds a character that is not a word char. */
  static boolean boundaryAt(CharSequence s, int i) {
    return i < 0 || i >= s.length() || !isWordChar(s.charAt(i));
  }
}
