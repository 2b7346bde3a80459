package dev.rampart.plugins.pii.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PhoneNumbers#candidateEnd} walks digit run by digit run; it must agree with the plain
 * char-by-char walk it replaced: the same end for a candidate, and for none a stop from which
 * the scan goes on to the same place.
 */
class PhoneCandidateWalkTest {

  /** The char-by-char walk, as it was. */
  private static int charWalk(String s, int from) {
    int n = s.length();
    int i = from + (s.charAt(from) == '+' ? 1 : 0);
    int digits = 0;
    int lastDigitEnd = -1;
    char prev = 0;
    while (i < n && i - from <= 32) {
      char c = s.charAt(i);
      if (CharClasses.isDigit(c)) {
        digits++;
        lastDigitEnd = i + 1;
      } else if (separator(c)) {
        boolean parenPair = c == '(' || c == ')' || prev == '(' || prev == ')';
        if (separator(prev) && !parenPair) {
          break;
        }
      } else {
        break;
      }
      prev = c;
      i++;
    }
    if (digits > 15 || i - from > 32 || digits < 7 || (DigitGroups.gluedRight(s, lastDigitEnd) && !extension(s, lastDigitEnd))) {
      return ~i;
    }
    return lastDigitEnd;
  }

  private static boolean separator(char c) {
    return " ()-./\u00a0".indexOf(c) >= 0;
  }

  private static boolean extension(String s, int i) {
    if (i >= s.length() || (s.charAt(i) | 0x20) != 'x') {
      return false;
    }
    int k = i + 1;
    while (k < s.length() && k - i <= 6 && CharClasses.isDigit(s.charAt(k))) {
      k++;
    }
    return k > i + 1 && k - i <= 7 && CharClasses.boundaryAt(s, k);
  }

  @Test
  void walkingRunByRunAgreesWithWalkingCharByChar() {
    Random random = new Random(11);
    String alphabet = "01234567890123456789  --..(()))/+x\u00a0a,";
    for (int t = 0; t < 20_000; t++) {
      StringBuilder b = new StringBuilder();
      int length = 1 + random.nextInt(60);
      for (int i = 0; i < length; i++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = b.toString();
      TextChunks chunks = new TextChunks(s, null);
      for (int k = 0; k < chunks.digitRunCount(); k++) {
        int start = chunks.digitRunStart(k);
        check(s, start, chunks, k);
        if (start > 0 && (s.charAt(start - 1) == '+' || s.charAt(start - 1) == '(')) {
          check(s, start - 1, chunks, k);
        }
      }
    }
  }

  @Test
  void theCapOf32CharsHoldsAtItsEdge() {
    // parentheses let the walk pass more than one separator between digits: 8 digits in 29 chars
    String fits = "1() 2() 3() 4() 5() 6() 7() 8";
    for (String s : new String[] {fits, fits + "()9", fits + "() 9", fits + "() 99", fits + "() 9 ", fits + "(() 9",
        "(" + fits + ")", fits + "() (", fits + "()((a", "(" + fits + "()9", "+" + fits + "()9", "+" + fits + "()9x1"}) {
      TextChunks chunks = new TextChunks(s, null);
      check(s, 0, chunks, 0);
    }
  }

  private static void check(String s, int from, TextChunks chunks, int k) {
    int expected = charWalk(s, from);
    int actual = PhoneNumbers.candidateEnd(s, from, chunks, k);
    if (expected >= 0 || actual >= 0) {
      assertEquals(expected, actual, s + " from " + from);
    } else {
      assertEquals(PhoneNumbers.skipRun(s, Math.max(from + 1, ~expected)),
          PhoneNumbers.skipRun(s, Math.max(from + 1, ~actual)), s + " from " + from);
    }
  }
}
