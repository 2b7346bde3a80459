package dev.rampart.plugins.pii.engine;

import java.util.EnumSet;
import java.util.Set;

/**
 * Payment cards, US social security numbers and NHS numbers: all three are runs of digit groups
 * joined by one consistent space or dash, so each run is parsed once ({@link DigitGroups}) and
 * handed to the three validators ({@link CardNumbers}, {@link SocialSecurityNumbers},
 * {@link NhsNumbers}) that are enabled. SSNs may also be dotted ({@code 078.05.1123}): three
 * digits before a dot are looked at by {@link SocialSecurityNumbers#dottedAt}.
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
    DigitGroups run = new DigitGroups();
    char[] digits = CardNumbers.buffer();
    // a left-to-right walk that only ever acts at the start of a digit run (it parses the whole
    // run there), so it jumps from one start to the next, skipping the runs a parse took in
    TextChunks chunks = ctx.chunks();
    int runs = chunks.digitRunCount();
    ScanBudget budget = ctx.budget();
    // a step per run the walk looks at, summed here and handed to the budget before anything
    // reads it (a parse and its validators, the end of the scan): the same sums at the same points
    long unpaid = 0;
    for (int k = 0; k < runs; k++) {
      int start = chunks.digitRunStart(k);
      unpaid++;
      // fewer than nine digits and no separator going on to more digits: nothing to parse (the
      // next run starts past this one, so skipping it changes no later step)
      int digitsEnd = chunks.digitRunEnd(k);
      if (digitsEnd - start < 9) {
        char after = digitsEnd < s.length() ? s.charAt(digitsEnd) : ' ';
        if (!joinsMoreDigits(after, digitsEnd, chunks, k + 1, runs)) {
          // a dot joins no card's or NHS number's groups, but may an SSN's: three digits before one
          if (after == '.' && ssns && digitsEnd - start == 3 && SocialSecurityNumbers.dottedAt(s, chunks, k)) {
            budget.charge(unpaid);
            unpaid = 0;
            SocialSecurityNumbers.examineDotted(ctx, s, chunks, k, digits);
          }
          continue;
        }
      }
      budget.charge(unpaid);
      unpaid = 0;
      boolean glued = DigitGroups.gluedLeft(s, start);
      run.parse(s, chunks, k);
      // the parse took runs k .. k + count - 1, one per group, and stopped before the next: the
      // walk goes on from there, without asking each run it took whether it starts before the end
      k += run.count - 1;
      // the shortest number of the three is a nine-digit SSN; the groups' separators are one char each
      int total = run.end - start - (run.count - 1);
      if (glued || total < 9) {
        continue;
      }
      if (cards && !budget.exhausted()) {
        CardNumbers.examine(ctx, s, run, digits);
      }
      // an SSN is nine digits (3-2-4 or plain) and an NHS number ten (3-3-4 or plain): a run of
      // any other length is none of them, and their validators charge no step before the shape
      // matches, so most runs (cards, phones) skip both calls
      if (ssns && total == 9) {
        SocialSecurityNumbers.examine(ctx, s, run, digits);
      }
      if (nhs && total == 10) {
        NhsNumbers.examine(ctx, s, run, digits);
      }
    }
    budget.charge(unpaid);
  }

  /**
   * Whether {@code c}, the char at {@code i} (a space past the text's end), is a space or dash
   * joining the digits before it to more digits: the char after {@code i} is a digit exactly
   * when digit run {@code next} (of {@code runs}) starts there, since runs are maximal. The char
   * is asked first: in log lines most runs
   * end at ':', '.', '=' or a letter, which that one read turns away, while the run list alone
   * passes every run of a date, a time or an IP address (their runs are one char apart).
   */
  private static boolean joinsMoreDigits(char c, int i, TextChunks chunks, int next, int runs) {
    return (c == ' ' || c == '-') && next < runs && chunks.digitRunStart(next) == i + 1;
  }
}
