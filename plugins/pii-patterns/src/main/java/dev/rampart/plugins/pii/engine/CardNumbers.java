package dev.rampart.plugins.pii.engine;

/**
 * Payment card numbers: 12-19 digits, plain or grouped (4-4-4-4, 4-4-4-4-3, 4-6-5, 4-6-4) with
 * one consistent space or dash, whose issuer prefix and length match a known scheme and whose
 * Luhn check digit is right. Numbers that only have the shape are not reported. UATP (airline)
 * cards, 15 digits starting with 1, are reported only next to a card word: nothing else in their
 * shape sets them apart from the ids and counters that also start with 1.
 */
final class CardNumbers {

  private static final int MIN = 12;
  private static final int MAX = 19;
  private static final ContextWords CONTEXT = new ContextWords(
      "card", "cards", "credit", "debit", "visa", "mastercard", "amex", "american express", "discover",
      "jcb", "diners", "unionpay", "maestro", "cc", "ccn", "pan", "payment", "cvv", "expiry", "exp");

  private CardNumbers() {}

  /** Scratch space for {@link #examine}: the longest card's digits. */
  static char[] buffer() {
    return new char[MAX];
  }

  /** Reports the cards in {@code run}, a run of digit groups that does not continue a number. */
  static void examine(ScanContext ctx, String s, DigitGroups run, char[] digits) {
    int lastUsable = DigitGroups.gluedRight(s, run.end) ? run.count - 2 : run.count - 1;
    for (int k = 0; k <= lastUsable; k++) {
      // a card starts the run, or follows a group that cannot belong to a card layout
      // ("paid 100 4111 ..."); starting inside "1234 5678 9012 3456" would invent cards
      if (k > 0 && run.size(k - 1) == 4) {
        continue;
      }
      int count = 0;
      int best = -1;
      for (int j = k; j <= lastUsable; j++) {
        int size = run.size(j);
        if (count + size > MAX || (j > k && !middleOk(run, k, j - 1))) {
          break;
        }
        s.getChars(run.starts[j], run.ends[j], digits, count);
        count += size;
        ctx.budget().charge(size);
        if (count >= MIN && lastOk(run, k, j) && isCard(digits, count)) {
          best = j; // keep extending: the longest valid reading wins (a 12-digit Maestro prefix of a 16-digit card)
        }
      }
      if (best >= 0) {
        int start = run.starts[k];
        int end = run.ends[best];
        boolean context = CONTEXT.near(s, start, end, ctx.budget());
        if (context || s.charAt(start) != '1') {
          ctx.add(EntityType.CREDIT_CARD, start, end, 0.85 + (context ? 0.1 : 0));
        }
        k = best;
      }
    }
  }

  /** Whether group {@code g}, not the last of a candidate starting at {@code k}, fits a layout. */
  private static boolean middleOk(DigitGroups run, int k, int g) {
    int size = run.size(g);
    return size == 4 || (g == k + 1 && size == 6 && run.size(k) == 4);
  }

  private static boolean lastOk(DigitGroups run, int k, int j) {
    if (j == k) {
      return true;
    }
    int size = run.size(j);
    if (j == k + 2 && run.size(k + 1) == 6) {
      return size == 4 || size == 5;
    }
    return size >= 1 && size <= 4 && run.size(k) == 4;
  }

  static boolean isCard(char[] d, int len) {
    return matchesIssuer(d, len) && Checksums.luhn(d, len) && !Checksums.allSame(d, len);
  }

  private static boolean matchesIssuer(char[] d, int len) {
    int p2 = prefix(d, 2);
    int p3 = prefix(d, 3);
    int p4 = prefix(d, 4);
    int p6 = prefix(d, 6);
    boolean len16to19 = len >= 16 && len <= 19;
    if (d[0] == '4') {
      return len == 13 || len == 16 || len == 19; // Visa
    }
    if (d[0] == '1') {
      return len == 15; // UATP
    }
    if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
      return len == 16; // Mastercard
    }
    if (p2 == 34 || p2 == 37) {
      return len == 15; // American Express
    }
    if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925)) {
      return len16to19; // Discover (622126-622925 is co-branded with UnionPay)
    }
    if (p4 >= 3528 && p4 <= 3589) {
      return len16to19; // JCB
    }
    if ((p3 >= 300 && p3 <= 305) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39) {
      return len >= 14 && len <= 19; // Diners Club
    }
    if (p2 == 62 || p2 == 81) {
      return len16to19; // UnionPay
    }
    if (p2 == 50 || (p2 >= 56 && p2 <= 69)) {
      return len >= 12 && len <= 19; // Maestro
    }
    return false;
  }

  private static int prefix(char[] d, int count) {
    int v = 0;
    for (int i = 0; i < count; i++) {
      v = v * 10 + d[i] - '0';
    }
    return v;
  }
}
