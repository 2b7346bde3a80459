package dev.rampart.plugins.pii.engine;

/**
 * UK NHS numbers: ten digits as {@code 3-3-4} (spaces or dashes, not mixed) or plain, with a
 * valid mod-11 check digit. One random ten-digit number in eleven passes the check, so a plain
 * run scores below the default threshold unless a context word ("NHS", "patient") is near, and
 * a formatted one scores below a validated phone number of the same digits unless it is.
 */
final class NhsNumbers {

  private static final ContextWords CONTEXT =
      new ContextWords("nhs", "health", "patient", "hospital", "gp", "nhs no", "chi");

  private NhsNumbers() {}

  /** Reports {@code run} (not glued to a number on its left) when it is a valid NHS number. */
  static void examine(ScanContext ctx, String s, DigitGroups run, char[] d) {
    boolean formatted = run.hasSizes(3, 3, 4);
    boolean plain = run.hasSizes(10);
    if (!(formatted || plain) || DigitGroups.gluedRight(s, run.end)) {
      return;
    }
    run.copyDigits(s, d);
    if (!Checksums.nhsMod11(d) || Checksums.allSame(d, 10)) {
      return;
    }
    int start = run.starts[0];
    boolean context = CONTEXT.near(s, start, run.end, ctx.budget());
    // 3-3-4 is also the US phone layout and one number in eleven passes mod 11, so without a
    // context word a formatted NHS reading scores just under a validated national phone number
    double base = plain ? 0.45 : s.charAt(run.ends[0]) == ' ' ? 0.6 : 0.55;
    ctx.add(EntityType.UK_NHS, start, run.end, base + (context ? 0.25 : 0));
  }
}
