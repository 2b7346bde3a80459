package dev.rampart.plugins.pii.engine;

/** The check-digit algorithms of the numeric identifiers. */
final class Checksums {

  private Checksums() {}

  /** Luhn (mod 10) over ASCII digits, the last one being the check digit. */
  static boolean luhn(char[] d, int len) {
    int sum = 0;
    boolean twice = false;
    for (int i = len - 1; i >= 0; i--) {
      int v = d[i] - '0';
      if (twice) {
        v *= 2;
        if (v > 9) {
          v -= 9;
        }
      }
      sum += v;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  /** NHS number mod 11: weights 10..2 on the first nine digits; a remainder giving 10 is invalid. */
  static boolean nhsMod11(char[] d) {
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (d[i] - '0') * (10 - i);
    }
    int check = 11 - sum % 11;
    if (check == 11) {
      check = 0;
    }
    return check != 10 && check == d[9] - '0';
  }

  static boolean allSame(char[] d, int len) {
    for (int i = 1; i < len; i++) {
      if (d[i] != d[0]) {
        return false;
      }
    }
    return true;
  }
}
