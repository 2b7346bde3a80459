package dev.rampart.plugins.pii.engine;

/**
 * US social security numbers: {@code AAA-GG-SSSS} (dashes or spaces, not mixed) or nine plain
 * digits. Numbers the SSA never issues are rejected: area 000, 666 or 900-999, group 00, serial
 * 0000, one digit repeated, and the widely published 078-05-1120. Plain nine-digit numbers are
 * too common (order numbers, ZIP+4) to report without a context word such as "SSN".
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
