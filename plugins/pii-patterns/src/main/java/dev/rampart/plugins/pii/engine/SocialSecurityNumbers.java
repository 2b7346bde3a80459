package dev.rampart.plugins.pii.engine;

/**
 * US social security numbers: {@code AAA-GG-SSSS} (dashes, spaces or dots, not mixed) or nine
 * plain digits. Numbers the SSA never issues are rejected: area 000, 666 or 900-999, group 00,
 * serial 0000, one digit repeated, and the widely published 078-05-1120. Plain nine-digit numbers
 * are too common (order numbers, ZIP+4) to report without a context word such as "SSN"; dotted
 * ones ({@code 078.05.1123}, rarer, and a layout versions and references use too) score lower
 * than dashed or spaced ones.
 */
final class SocialSecurityNumbers {

  private static final ContextWords CONTEXT =
      new ContextWords("ssn", "ssns", "ss#", "social security", "social", "taxpayer", "itin");

  private SocialSecurityNumbers() {}

  /** Reports {@code run} (not glued to a number on its left) when it is an issuable SSN. */
  static void examine(ScanContext ctx, String s, DigitGroups run, char[] d) {
    boolean formatted = run.hasSizes(3, 2, 4);
    boolean plain = run.hasSizes(9);
    if (!(formatted || plain) || DigitGroups.gluedRight(s, run.end)) {
      return;
    }
    run.copyDigits(s, d);
    if (!isIssuable(d)) {
      return;
    }
    int start = run.starts[0];
    boolean context = CONTEXT.near(s, start, run.end, ctx.budget());
    double base = plain ? 0.45 : s.charAt(run.ends[0]) == '-' ? 0.8 : 0.7;
    ctx.add(EntityType.US_SSN, start, run.end, base + (context ? 0.2 : 0));
  }

  /**
   * Whether digit run {@code k} of {@code chunks}, three digits, is the area of a dotted SSN
   * ({@code AAA.GG.SSSS}): the runs of 3, 2 and 4 digits are joined by single dots and the whole
   * is glued to no number on either side ("10.123.45.6789" is no SSN) nor runs on into a time.
   * Reads a few chars and charges nothing: {@link GroupedNumbers} asks it of every run of three
   * digits, which it does not parse itself (a dot joins no card or NHS number's groups).
   */
  static boolean dottedAt(String s, TextChunks chunks, int k) {
    int end = chunks.digitRunEnd(k);
    if (end >= s.length() || s.charAt(end) != '.' || k + 2 >= chunks.digitRunCount()
        || DigitGroups.gluedLeft(s, chunks.digitRunStart(k)) || !dotBefore(s, chunks, k + 1, end, 2)) {
      return false;
    }
    int groupEnd = chunks.digitRunEnd(k + 1);
    if (!dotBefore(s, chunks, k + 2, groupEnd, 4)) {
      return false;
    }
    int serialEnd = chunks.digitRunEnd(k + 2);
    return !DigitGroups.gluedRight(s, serialEnd) && !timeGoesOn(s, serialEnd);
  }

  /** Reports the dotted SSN {@link #dottedAt} found at digit run {@code k} if it is issuable. */
  static void examineDotted(ScanContext ctx, String s, TextChunks chunks, int k, char[] d) {
    ctx.budget().charge(1);
    int start = chunks.digitRunStart(k);
    int end = chunks.digitRunEnd(k);
    int groupEnd = chunks.digitRunEnd(k + 1);
    int serialEnd = chunks.digitRunEnd(k + 2);
    s.getChars(start, end, d, 0);
    s.getChars(end + 1, groupEnd, d, 3);
    s.getChars(groupEnd + 1, serialEnd, d, 5);
    if (isIssuable(d)) {
      ctx.add(EntityType.US_SSN, start, serialEnd, 0.6 + (CONTEXT.near(s, start, serialEnd, ctx.budget()) ? 0.2 : 0));
    }
  }

  /**
   * Whether a ':' or '-' and a digit follow {@code i}: dotted digits run on into a time or a range
   * ("168.10.2410:23:45" is a cut address glued to a time), where dashed SSNs need no such test.
   */
  private static boolean timeGoesOn(String s, int i) {
    return i + 1 < s.length() && (s.charAt(i) == ':' || s.charAt(i) == '-') && CharClasses.isDigit(s.charAt(i + 1));
  }

  /** Whether digit run {@code k}, of {@code length} digits, starts right after a '.' at {@code dot}. */
  private static boolean dotBefore(String s, TextChunks chunks, int k, int dot, int length) {
    return dot < s.length() && s.charAt(dot) == '.' && chunks.digitRunStart(k) == dot + 1
        && chunks.digitRunEnd(k) - (dot + 1) == length;
  }

  static boolean isIssuable(char[] d) {
    int area = (d[0] - '0') * 100 + (d[1] - '0') * 10 + (d[2] - '0');
    boolean groupZero = d[3] == '0' && d[4] == '0';
    boolean serialZero = d[5] == '0' && d[6] == '0' && d[7] == '0' && d[8] == '0';
    if (area == 0 || area == 666 || area >= 900 || groupZero || serialZero) {
      return false;
    }
    return !Checksums.allSame(d, 9) && !"078051120".equals(new String(d, 0, 9));
  }
}
