package dev.rampart.plugins.pii.engine;

import java.text.Normalizer;

/**
 * Text folded so that evasions read like the words they imitate: zero-width and other invisible
 * format characters removed, fullwidth forms and other compatibility characters folded
 * (NFKD, then combining marks dropped, which subsumes NFKC for matching), Cyrillic and Greek
 * look-alikes mapped to the Latin letters they imitate, everything lower-cased. Keeps, for every
 * folded character, the index of the original character it came from, so findings can be
 * reported in the caller's offsets.
 *
 * <p>Plain ASCII text needs no folding (matching is case-insensitive), so it is used as is and
 * costs no copy.
 */
final class NormalizedText {

  private final String original;
  private final CharSequence text;
  /** For each folded char, the index of its source char in the original; null when identical. */
  private final int[] toOriginal;

  private NormalizedText(String original, CharSequence text, int[] toOriginal) {
    this.original = original;
    this.text = text;
    this.toOriginal = toOriginal;
  }

  /** {@code ascii}, which must hold no char above 0x7F, as its own folding. */
  static NormalizedText unchanged(String ascii) {
    return new NormalizedText(ascii, ascii, null);
  }

  static NormalizedText of(String original) {
    int firstSpecial = -1;
    for (int i = 0; i < original.length(); i++) {
      if (original.charAt(i) >= 0x80) {
        firstSpecial = i;
        break;
      }
    }
    if (firstSpecial < 0) {
      return new NormalizedText(original, original, null);
    }
    StringBuilder out = new StringBuilder(original.length());
    int[] map = new int[original.length() + 16];
    int count = 0;
    for (int i = 0; i < original.length(); ) {
      int cp = original.codePointAt(i);
      int len = Character.charCount(cp);
      String folded = fold(cp);
      for (int k = 0; k < folded.length(); k++) {
        if (count == map.length) {
          map = java.util.Arrays.copyOf(map, map.length * 2);
        }
        out.append(folded.charAt(k));
        map[count++] = i;
      }
      i += len;
    }
    return new NormalizedText(original, out, map);
  }

  /** The folded text to match against. */
  CharSequence text() {
    return text;
  }

  /** Original index of the folded char at {@code k}. */
  int originalStart(int k) {
    return toOriginal == null ? k : toOriginal[k];
  }

  /** Original end (exclusive) of a folded span ending (exclusive) at {@code k}, k > 0. */
  int originalEnd(int k) {
    if (toOriginal == null) {
      return k;
    }
    int src = toOriginal[k - 1];
    return src + Character.charCount(original.codePointAt(src));
  }

  /**
   * True when the original span holds characters that folding changed or removed, other than
   * letters that are an ASCII letter with accents: "précédentes" is how French is written, not a
   * disguise. (Accents sprinkled on English, "ïgnore", so go unremarked; lookalikes such as the
   * long s or the dotless i still count.)
   */
  boolean obfuscatedBetween(int originalStart, int originalEnd) {
    if (toOriginal == null) {
      return false;
    }
    for (int i = originalStart; i < originalEnd; i++) {
      char c = original.charAt(i);
      if (c >= 0x80 && !isAccentedLatinLetter(c)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code c} decomposes (NFD) into an ASCII letter and combining marks: é, ç, ñ, ü. */
  private static boolean isAccentedLatinLetter(char c) {
    if (c < 0xC0 || c > 0x24F) {
      return false;
    }
    String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
    if (d.length() < 2 || d.charAt(0) >= 0x80 || !Character.isLetter(d.charAt(0))) {
      return false;
    }
    for (int k = 1; k < d.length(); k++) {
      if (Character.getType(d.charAt(k)) != Character.NON_SPACING_MARK) {
        return false;
      }
    }
    return true;
  }

  private static final String NOTHING = "";

  private static String fold(int cp) {
    if (cp < 0x80) {
      return String.valueOf((char) Character.toLowerCase(cp));
    }
    if (isInvisible(cp) || (cp >= 0x0300 && cp <= 0x036F)) {
      return NOTHING;
    }
    char look = Homoglyphs.latinFor(cp);
    if (look != 0) {
      return String.valueOf(look);
    }
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      return String.valueOf((char) Character.toLowerCase(cp - 0xFEE0));
    }
    if (Character.isSpaceChar(cp)) {
      return " ";
    }
    if (!hasCompatibilityForm(cp)) {
      return new String(Character.toChars(Character.toLowerCase(cp)));
    }
    String d = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKD);
    StringBuilder b = new StringBuilder(d.length());
    for (int k = 0; k < d.length(); k++) {
      char c = d.charAt(k);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      char mapped = Homoglyphs.latinFor(c);
      b.append(mapped != 0 ? mapped : Character.toLowerCase(c));
    }
    return b.toString();
  }

  /** Zero-width and invisible format characters used to split words past filters. */
  static boolean isInvisible(int cp) {
    return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF
        || cp == 0x00AD || cp == 0x180E || cp == 0x034F;
  }

  /** Blocks whose characters may fold to Latin letters; others (CJK, Arabic, ...) are kept. */
  private static boolean hasCompatibilityForm(int cp) {
    return (cp >= 0x00A0 && cp <= 0x024F) || (cp >= 0x1D00 && cp <= 0x1EFF)
        || (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x3000)
        || (cp >= 0xFB00 && cp <= 0xFB4F) || (cp >= 0x1D400 && cp <= 0x1D7FF)
        || (cp >= 0x1F100 && cp <= 0x1F1FF);
  }
}
