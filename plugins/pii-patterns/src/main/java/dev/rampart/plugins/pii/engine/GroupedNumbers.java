package dev.rampart.plugins.pii.engine;

import java.util.EnumSet;
import java.util.Set;

/**
 * Payment cards, US social security numbers and NHS numbers: all three are runs of digit groups
 * joined by one consistent space or dash, so each run is parsed once ({@link DigitGroups}) and
 * handed to the three validators ({@link CardNumbers}, {@link SocialSecurityNumbers},
 * {@link NhsNumbers}) that are enabled.
 */
final class GroupedNumbers implements EntityScanner {

  private final boolean cards;
  private final boolean ssns;
  private final boolean nhs;

  GroupedNumbers(Set<EntityType> enabled) {
    cards = enabled.contains(EntityType.CREDIT_CARD);
    ssns = enabled.contains(EntityType.US_SSN);
    nhs = enabled.contains(EntityType.UK_NHS);
  }

  @Override
  public Set<EntityType> types() {
    return EnumSet.of(EntityType.CREDIT_CARD, EntityType.US_SSN, EntityType.UK_NHS);
  }

  @Override
  public void scan(ScanContext ctx) {
    String s = ctx.text();
    TextChunks chunks = ctx.chunks();
    DigitGroups run = new DigitGroups();
    char[] digits = CardNumbers.buffer();
    int i = 0;
    for (int k = 0; k < chunks.count(); k++) {
      if ((chunks.classes(k) & TextChunks.DIGIT) == 0) {
        continue;
      }
      i = Math.max(i, chunks.start(k));
      int to = chunks.end(k);
      ctx.budget().charge(to - i);
      while (i < to) {
        if (!CharClasses.isDigit(s.charAt(i))) {
          i++;
          continue;
        }
        boolean glued = DigitGroups.gluedLeft(s, i);
        run.parse(s, i, " -");
        i = run.end;
        if (glued) {
          continue;
        }
        if (cards && !ctx.budget().exhausted()) {
          CardNumbers.examine(ctx, s, run, digits);
        }
        if (ssns) {
          SocialSecurityNumbers.examine(ctx, s, run, digits);
        }
        if (nhs) {
          NhsNumbers.examine(ctx, s, run, digits);
        }
      }
    }
  }
}
