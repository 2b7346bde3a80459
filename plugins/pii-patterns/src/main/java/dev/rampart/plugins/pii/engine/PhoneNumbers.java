package dev.rampart.plugins.pii.engine;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Telephone numbers, validated against Google's libphonenumber metadata. A hand-written pass
 * cuts the text into short candidates (a '+', '(' or digit, then at most 15 digits with single
 * separators), and only those are handed to {@link PhoneNumberUtil#parse} and
 * {@link PhoneNumberUtil#isValidNumber}: the library
 * never sees a long run, so its cost per candidate is bounded and the scan stays linear.
 * Candidates start only where a digit run starts ({@link TextChunks#digitRunStart}), so the walk
 * jumps between those; a verdict is reached once per distinct candidate and scan (the library
 * costs several microseconds a call, by far the dearest step of a scan).
 *
 * <p>International numbers ({@code +44 20 7946 0958}, {@code 0044 ...}) validate in any region.
 * National numbers validate in the default region, or — when they start with a trunk prefix 0 —
 * in the other configured regions, at a lower score. A bare run of digits with no separator is
 * reported only next to a word such as "phone" or "tel": bare runs are usually identifiers.
 *
 * <p>Next to such a word, a number with separators or a country code that libphonenumber finds
 * possible (a plan's length) but not valid is still reported, at a lower score: fictional and
 * placeholder numbers ({@code (555) 253-0000}, Ofcom's drama range {@code +44 7700 900123}) and
 * numbers of ranges newer than the metadata are what people put after "phone:" too. The SSN
 * layout 3-2-4 ({@code 078-05-1120}) is never a phone number.
 */
final class PhoneNumbers implements EntityScanner {

  private static final int MAX_DIGITS = 15;
  private static final int MAX_CHARS = 32;
  /** Budget charge per library call: it parses, then matches the number against its metadata. */
  private static final int LIBRARY_COST = 400;
  private static final PhoneNumberUtil LIBRARY = PhoneNumberUtil.getInstance();
  private static final ContextWords CONTEXT = new ContextWords(
      "phone", "phones", "tel", "telephone", "mobile", "cell", "call", "fax", "whatsapp", "sms",
      "text", "ph", "mob", "landline", "contact", "dial");

  /** Labels of other numeric identifiers: near one of them, a phone-shaped number is likely that. */
  private static final ContextWords OTHER_IDENTIFIERS = new ContextWords(
      "nhs", "ssn", "social security", "iban", "account", "order", "invoice", "card", "ref", "reference",
      "tracking", "isbn", "serial", "patient", "id");

  /** Verdicts one scan remembers; past this many, further candidates are simply not remembered. */
  private static final int MAX_REMEMBERED = 256;

  private final String defaultRegion;
  private final List<String> otherRegions;

  PhoneNumbers(String defaultRegion, List<String> otherRegions) {
    this.defaultRegion = defaultRegion;
    this.otherRegions = List.copyOf(otherRegions);
  }

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.PHONE_NUMBER);
  }

  @Override
  public void scan(ScanContext ctx) {
    String s = ctx.text();
    int n = s.length();
    int i = 0;
    // the left-to-right walk acts only where a digit run starts, or on a '+' or '(' just before
    // one (a digit inside a run is glued to the one before it); it steps there and nowhere else
    TextChunks chunks = ctx.chunks();
    ScanBudget budget = ctx.budget();
    // each run costs two steps; they are added up here and handed to the budget before anything
    // reads it (a step, the end of the scan), so the budget sees the same sums at the same points
    long unpaid = 0;
    int runs = chunks.digitRunCount();
    for (int k = 0; k < runs; k++) {
      int start = chunks.digitRunStart(k);
      unpaid += 2;
      if (i > start || cannotStart(s, start, chunks.digitRunEnd(k))) {
        continue; // inside a stretch the walk went past, or a run no number starts at
      }
      budget.charge(unpaid);
      unpaid = 0;
      if (i < start) {
        // at the char before the run only a '+' or '(' can open a number; from anything else the walk goes on to the run
        char before = start > 0 ? s.charAt(start - 1) : ' ';
        i = i <= start - 1 && (before == '+' || before == '(') ? step(ctx, s, n, start - 1, chunks, k) : start;
      }
      if (i <= start) {
        i = step(ctx, s, n, start, chunks, k);
      }
      // the runs the step went past (a candidate's groups, a date's day and month) are passed
      // here in a loop of their own: for them the loop above would only add their two steps and
      // go on (i > start), so the budget gets the same sums at the same points
      while (k + 1 < runs && chunks.digitRunStart(k + 1) < i) {
        k++;
        unpaid += 2;
      }
    }
    budget.charge(unpaid);
  }

  /**
   * Whether the digit run {@code [start, end)} cannot begin a candidate: it is glued to what is
   * before it ({@link DigitGroups#gluedLeft}), or it is too short to begin one. A glued run (a
   * hex id's digits, the time and fraction of a timestamp, "user12") needs no look past its end.
   *
   * <p>Skipping a glued run is exact: with no '+' or '(' before it, the walk would only
   * {@link #step} at its first digit, and step returns the position just after that digit
   * without looking further; the next run starts past this one's end, so whether the walk stands
   * there or before this run, it treats the next run the same way.
   */
  private static boolean cannotStart(String s, int start, int end) {
    if (start > 0 && (s.charAt(start - 1) == '+' || s.charAt(start - 1) == '(')) {
      return false;
    }
    return DigitGroups.gluedLeft(s, start) || (end - start < 7 && tooShortAfter(s, end));
  }

  /**
   * Whether a run of fewer than seven digits, with no '+' or '(' before it, ending at
   * {@code end} cannot begin a candidate: after it either no separator or '+', or a separator
   * that joins it to no digit, separator or '+'. {@link #step} would find no candidate there
   * (the candidate holds only this run's digits) and move the walk no further than the char
   * after the separator, short of the next run.
   */
  private static boolean tooShortAfter(String s, int end) {
    int n = s.length();
    if (end == n) {
      return true;
    }
    char after = s.charAt(end);
    if (isSeparator(after)) {
      return end + 1 == n || !continuesNumber(s.charAt(end + 1));
    }
    return after != '+';
  }

  /** Whether {@code c} can follow a separator inside a candidate or the stretch {@link #skipRun} steps over. */
  private static boolean continuesNumber(char c) {
    return CharClasses.isDigit(c) || isSeparator(c) || c == '+';
  }

  /**
   * Looks for a number at {@code i}, the start of digit run {@code k} or the char before it;
   * returns where the walk goes on.
   */
  private int step(ScanContext ctx, String s, int n, int i, TextChunks chunks, int k) {
    char c = s.charAt(i);
    boolean opens = c == '+' || c == '(';
    if (!(CharClasses.isDigit(c) || (opens && i + 1 < n && CharClasses.isDigit(s.charAt(i + 1))))
        || DigitGroups.gluedLeft(s, i)
        || (opens && i > 0 && CharClasses.isWordChar(s.charAt(i - 1)))) {
      return i + 1;
    }
    int end = candidateEnd(s, i, chunks, k);
    if (end > 0) {
      if (!ctx.budget().exhausted()) {
        examine(ctx, s, i, end);
        return Math.max(end, i + 1);
      }
      return skipRun(s, i + 1);
    }
    // the candidate walk stopped at ~end, having passed only digits and separators since i + 1:
    // skipRun would pass them too, so it goes on from there instead of reading them again
    return skipRun(s, Math.max(i + 1, ~end));
  }

  /**
   * End of a phone-shaped candidate starting at {@code from}, the start of digit run {@code k}
   * or the '+' or '(' just before it; or, when there is none there (too long, too short, glued),
   * {@code ~stop} (negative), where the walk passed only digits and separators from
   * {@code from + 1} to {@code stop}.
   *
   * <p>The walk goes run by run rather than char by char: a digit run is passed whole (its
   * length added to the digits, its end the last digit's end), and only the few chars between
   * two runs are read, with the same rule as a char-by-char walk (one separator, or two when one
   * is a parenthesis). Passing a run whole is exact: a digit never stops the walk, and the
   * 32-char cap is checked where each run or gap char ends, so a walk past it is rejected as
   * before. A rejected walk may report a stop short of where the char walk would stop (past 15
   * digits it gives up at once); {@link #step} only needs the chars before {@code stop} to be
   * digits or separators, since it goes on with {@link #skipRun}, which passes those anyway.
   */
  static int candidateEnd(String s, int from, TextChunks chunks, int k) {
    int n = s.length();
    int runs = chunks.digitRunCount();
    int limit = from + MAX_CHARS; // the last char a candidate may hold
    int i = from + (s.charAt(from) == '+' ? 1 : 0);
    int digits = 0;
    int lastDigitEnd = -1;
    boolean afterSeparator = false; // the char before i is a separator
    boolean afterParen = false; // and a parenthesis
    while (true) {
      int runStart = k < runs ? chunks.digitRunStart(k) : n;
      while (i < runStart) { // between two runs: separators only, at most one unless a parenthesis
        char c = s.charAt(i);
        boolean paren = c == '(' || c == ')';
        if (!isSeparator(c) || (afterSeparator && !(paren || afterParen))) {
          return digits < 7 ? ~i : acceptedEnd(s, i, lastDigitEnd);
        }
        afterSeparator = true;
        afterParen = paren;
        i++;
        if (i > limit) {
          return ~i;
        }
      }
      if (k >= runs) {
        return digits < 7 ? ~i : acceptedEnd(s, i, lastDigitEnd);
      }
      i = chunks.digitRunEnd(k);
      digits += i - runStart;
      if (i > limit || digits > MAX_DIGITS) {
        return ~i;
      }
      lastDigitEnd = i;
      afterSeparator = false;
      afterParen = false;
      k++;
    }
  }

  /**
   * End of a candidate of 7 to 15 digits whose walk stopped at {@code stop}: {@code lastDigitEnd},
   * unless the number is glued on the right to something other than an extension.
   */
  private static int acceptedEnd(String s, int stop, int lastDigitEnd) {
    if (DigitGroups.gluedRight(s, lastDigitEnd) && !extensionAt(s, lastDigitEnd)) {
      return ~stop;
    }
    // a closing parenthesis right after the last digit belongs to the number only if one opened
    return lastDigitEnd;
  }

  /** An extension glued to the number, "x123": an 'x' and 1-6 digits, then no word char. It stays out of the span. */
  private static boolean extensionAt(String s, int i) {
    if (i >= s.length() || (s.charAt(i) | 0x20) != 'x') {
      return false;
    }
    int k = i + 1;
    while (k < s.length() && k - i <= 6 && CharClasses.isDigit(s.charAt(k))) {
      k++;
    }
    return k > i + 1 && k - i <= 7 && CharClasses.boundaryAt(s, k);
  }

  /** The separators up to '/', as bits by char code: ' ', '(', ')', '-', '.', '/'. */
  private static final long ASCII_SEPARATORS =
      1L << ' ' | 1L << '(' | 1L << ')' | 1L << '-' | 1L << '.' | 1L << '/';

  /**
   * One of ' ', '-', '.', '(', ')', '/', NBSP. Letters and digits, most of what is asked about,
   * are past '/' and need one compare more (NBSP) instead of seven.
   */
  private static boolean isSeparator(char c) {
    return c <= '/' ? (ASCII_SEPARATORS >>> c & 1) != 0 : c == '\u00a0';
  }

  /** The first position from {@code k} on that holds no digit, separator or '+'. */
  static int skipRun(String s, int k) {
    while (k < s.length() && (CharClasses.isDigit(s.charAt(k)) || isSeparator(s.charAt(k)) || s.charAt(k) == '+')) {
      k++;
    }
    return k;
  }

  private void examine(ScanContext ctx, String s, int start, int end) {
    if (looksLikeDateOrAddress(s, start, end)) {
      return;
    }
    String candidate = s.substring(start, end);
    boolean international = candidate.startsWith("+") || candidate.startsWith("00");
    boolean bare = isBareDigits(candidate);
    boolean context = CONTEXT.near(s, start, end, ctx.budget());
    if (bare && !international && !context) {
      return;
    }
    if (ssnLayout(candidate)) {
      return;
    }
    int[] span = validSpan(ctx, candidate, defaultRegion, candidate);
    double score = international ? 0.8 : 0.65;
    if (span == null && firstDigit(candidate) == '0') { // a trunk 0: "020 ..." or "(020) ..."
      for (String region : otherRegions) {
        span = validSpan(ctx, candidate, region, region + ' ' + candidate);
        if (span != null) {
          score = international ? 0.8 : 0.55;
          break;
        }
      }
    }
    if (span == null && context && !bare && fullLayout(candidate, international) && !repeatsOneDigit(candidate)
        && isPossible(candidate, defaultRegion)
        && !OTHER_IDENTIFIERS.near(s, start, end, ctx.budget())) {
      ctx.budget().charge(LIBRARY_COST);
      ctx.add(EntityType.PHONE_NUMBER, start, end, 0.6);
      return;
    }
    if (span != null) {
      if (context) {
        score += 0.2;
      } else if (OTHER_IDENTIFIERS.near(s, start, end, ctx.budget())) {
        score -= 0.3; // "NHS number 304 352 0565" has a phone's shape but says what it is
      }
      ctx.add(EntityType.PHONE_NUMBER, start + span[0], start + span[1], score);
    }
  }

  /**
   * The span of the candidate when it is a valid number in {@code region}, or null; {@code key}
   * names the verdict among those the scan remembers. The
   * candidate is already cut to a number's shape, so parse + isValidNumber replaces findNumbers,
   * whose own text-matching regex was most of the cost.
   */
  private static int[] validSpan(ScanContext ctx, String candidate, String region, String key) {
    ctx.budget().charge(LIBRARY_COST); // charged on a repeat too: the budget does not depend on it
    // a number recurs within a text (the same contact on every log line, a signature under
    // every mail) and the library takes microseconds per call, so the scan remembers verdicts;
    // per scan only, so no number outlives the call that saw it
    // the key is the candidate alone in the default region (most verdicts: no string is built
    // for it) and "region candidate" in the others; a candidate never starts with a letter, so
    // the two kinds of key never meet
    Map<String, Boolean> seen = ctx.phoneVerdicts();
    Boolean valid = seen.get(key);
    if (valid == null) {
      valid = isValid(candidate, region);
      if (seen.size() < MAX_REMEMBERED) {
        seen.put(key, valid);
      }
    }
    return valid ? new int[] {0, candidate.length()} : null;
  }

  private static boolean isValid(String candidate, String region) {
    try {
      PhoneNumber number = LIBRARY.parse(candidate, region);
      return LIBRARY.isValidNumber(number);
    } catch (NumberParseException notANumber) {
      return false;
    }
  }

  /** Whether the candidate parses to a number of a possible length for its plan (valid or not). */
  private static boolean isPossible(String candidate, String region) {
    try {
      return LIBRARY.isPossibleNumber(LIBRARY.parse(candidate, region));
    } catch (NumberParseException notANumber) {
      return false;
    }
  }

  /**
   * Whether an unvalidated candidate is laid out as a whole number is: ten digits or more
   * (a country code stands for them), ending in a group of three or more ("1111 2026-11-21"
   * ends in a date's day).
   */
  private static boolean fullLayout(String candidate, boolean international) {
    int digits = 0;
    int lastGroup = 0;
    for (int i = 0; i < candidate.length(); i++) {
      if (CharClasses.isDigit(candidate.charAt(i))) {
        digits++;
        lastGroup++;
      } else {
        lastGroup = 0;
      }
    }
    return (international || digits >= 10) && lastGroup >= 3;
  }

  /** Whether every digit of the candidate is the same one: "999-999-9999" fills a form, it reaches no one. */
  private static boolean repeatsOneDigit(String candidate) {
    char first = firstDigit(candidate);
    for (int i = 0; i < candidate.length(); i++) {
      char c = candidate.charAt(i);
      if (CharClasses.isDigit(c) && c != first) {
        return false;
      }
    }
    return true;
  }

  /** Three digits, two, four, joined by one separator used twice: a US social security number's layout. */
  private static boolean ssnLayout(String candidate) {
    if (candidate.length() != 11 || !CharClasses.isDigit(candidate.charAt(0))) {
      return false;
    }
    char sep = candidate.charAt(3);
    for (int i = 0; i < 11; i++) {
      boolean separator = i == 3 || i == 6;
      char c = candidate.charAt(i);
      if (separator ? c != sep || CharClasses.isDigit(c) : !CharClasses.isDigit(c)) {
        return false;
      }
    }
    return true;
  }

  private static char firstDigit(String candidate) {
    for (int i = 0; i < candidate.length(); i++) {
      if (CharClasses.isDigit(candidate.charAt(i))) {
        return candidate.charAt(i);
      }
    }
    return 0;
  }

  private static boolean isBareDigits(String candidate) {
    for (int i = 0; i < candidate.length(); i++) {
      if (!CharClasses.isDigit(candidate.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Dates (2024-01-15, 15/01/2024, 15.01.2024) and dotted quads are not phone numbers. */
  private static boolean looksLikeDateOrAddress(String s, int start, int end) {
    int groups = 1;
    int maxGroup = 0;
    int current = 0;
    char sep = 0;
    boolean mixed = false;
    for (int i = start; i < end; i++) {
      char ch = s.charAt(i);
      if (CharClasses.isDigit(ch)) {
        current++;
        maxGroup = Math.max(maxGroup, current);
      } else {
        if (sep != 0 && ch != sep) {
          mixed = true;
        }
        sep = ch;
        groups++;
        current = 0;
      }
    }
    boolean dateSeparator = sep == '/' || sep == '.' || sep == '-';
    if (!mixed && dateSeparator && groups == 3 && end - start <= 10 && maxGroup <= 4) {
      return true;
    }
    return !mixed && sep == '.' && groups == 4 && maxGroup <= 3;
  }
}
