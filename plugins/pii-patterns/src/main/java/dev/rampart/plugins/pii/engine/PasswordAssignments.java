package dev.rampart.plugins.pii.engine;

import java.util.Set;

/**
 * Passwords given as the value of a name: {@code password=hunter2}, {@code "db_password": "s3cr3t!"},
 * {@code PWD: Tr0ub4dor&3}, {@code userPassword='...'}, {@code my password is abc123!}. The name
 * ends in "password", "passwort", "passwd" or "pwd" as a whole part of it (after no letter, or as a camelCase
 * part, and before no letter or digit); then '=', ':' or " is "; then the value, quoted or up to
 * whitespace, 6 to {@link #MAX_VALUE} chars.
 *
 * <p>Unlike {@link GenericSecrets}, the value need not look random (people choose passwords), so
 * it must look like one instead: letters mixed with digits or symbols ("Required", "Incorrect"
 * and "*****" are what forms and masked logs print there), and not a placeholder or an
 * expression ({@code <password>}, {@code ${DB_PASSWORD}}, {@code %s}, {@code getpass()},
 * {@code /home/me} after the shell's {@code pwd}). Sentence punctuation after an unquoted value
 * stays out of it.
 *
 * <p>The names all hold a 'w', which prose and logs hold rarely enough that the text is searched
 * for that letter alone ({@link String#indexOf(int, int)}) and the names are compared around it.
 * A value ends within {@link #MAX_VALUE} + a few chars of its name, well inside the stretch the
 * stream guard holds back, so a password split across streamed chunks is still seen whole.
 */
final class PasswordAssignments implements EntityScanner {

  static final int MIN_VALUE = 6;
  static final int MAX_VALUE = 100;
  private static final String[] NAMES = {"password", "passwort", "passwd", "pwd"};
  /** Where each name holds its 'w'. */
  private static final int[] W_AT = {4, 4, 4, 1};
  /** Steps charged per 'w' looked at: the names compared, the separator and the value read. */
  private static final int STEPS_PER_W = 16;

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.GENERIC_SECRET);
  }

  @Override
  public void scan(ScanContext ctx) {
    String s = ctx.text();
    for (char w : new char[] {'w', 'W'}) {
      for (int p = s.indexOf(w); p >= 0 && !ctx.budget().exhausted(); p = s.indexOf(w, p + 1)) {
        ctx.budget().charge(STEPS_PER_W);
        examine(ctx, s, p);
      }
    }
  }

  /** Reports the value of a password name whose 'w' is at {@code p}, if there is one. */
  private static void examine(ScanContext ctx, String s, int p) {
    // every name has an 's' or a 'p' just before its 'w': most 'w's of prose ("was", "with") have neither
    int before = p > 0 ? s.charAt(p - 1) | 0x20 : 0;
    if (before != 's' && before != 'p') {
      return;
    }
    for (int k = 0; k < NAMES.length; k++) {
      int start = p - W_AT[k];
      int end = start + NAMES[k].length();
      if (start >= 0 && end <= s.length() && s.regionMatches(true, start, NAMES[k], 0, NAMES[k].length())
          && GenericSecrets.partStartsAt(s, start) && (end == s.length() || !CharClasses.isAlnum(s.charAt(end)))) {
        int valueStart = valueStart(s, end);
        if (valueStart >= 0) {
          report(ctx, s, valueStart);
        }
        return; // the names share their 'w': one matched here, no other can
      }
    }
  }

  /**
   * Where the value after a name ending at {@code i} starts: past a closing quote (a JSON or YAML
   * key), up to two spaces, '=' or ':' (not "==") or the word "is", up to two spaces and an
   * opening quote. -1 when no separator follows.
   */
  private static int valueStart(String s, int i) {
    int n = s.length();
    if (i < n && (s.charAt(i) == '"' || s.charAt(i) == '\'')) {
      i++;
    }
    i = spaces(s, i);
    if (i < n && (s.charAt(i) == '=' || s.charAt(i) == ':')) {
      i++;
      if (i < n && s.charAt(i) == '=') {
        return -1; // a comparison
      }
    } else if (i + 2 < n && (s.charAt(i) | 0x20) == 'i' && (s.charAt(i + 1) | 0x20) == 's' && s.charAt(i + 2) == ' ') {
      i += 2;
    } else {
      return -1;
    }
    return spaces(s, i);
  }

  /** Past at most two spaces from {@code i}. */
  private static int spaces(String s, int i) {
    for (int k = 0; k < 2 && i < s.length() && s.charAt(i) == ' '; k++) {
      i++;
    }
    return i;
  }

  /** Reports the value from {@code from} (an opening quote, or its first char) when it looks like a password. */
  private static void report(ScanContext ctx, String s, int from) {
    int n = s.length();
    if (from >= n) {
      return;
    }
    char quote = s.charAt(from);
    boolean quoted = quote == '"' || quote == '\'' || quote == '`';
    int start = quoted ? from + 1 : from;
    int end = start;
    while (end < n && end - start <= MAX_VALUE && !endsValue(s.charAt(end), quoted ? quote : 0)
        && !(!quoted && s.charAt(end) == '&' && parameterAt(s, end + 1))) {
      end++;
    }
    if (quoted ? end >= n || s.charAt(end) != quote : false) {
      return; // an unclosed quote: prose, or more than a value
    }
    while (!quoted && end > start && isSentencePunctuation(s.charAt(end - 1))) {
      end--;
    }
    int length = end - start;
    if (length >= MIN_VALUE && length <= MAX_VALUE && looksLikePassword(s, start, end)) {
      ctx.add(EntityType.GENERIC_SECRET, start, end, 0.7);
    }
  }

  /** Whether {@code c} ends a value: its closing {@code quote}, or (unquoted) whitespace or a delimiter. */
  private static boolean endsValue(char c, char quote) {
    if (c == '\n' || c == '\r') {
      return true;
    }
    if (quote != 0) {
      return c == quote;
    }
    return c == ' ' || c == '\t' || c == ',' || c == ';' || c == '"' || c == '\'' || c == ')' || c == '}'
        || c == ']' || c == '<' || c == '>';
  }

  /** Whether a query parameter's name and '=' start at {@code i}: "&next=" ends a value, "&3" does not. */
  private static boolean parameterAt(String s, int i) {
    int k = i;
    while (k < s.length() && k - i <= 32 && (CharClasses.isAlnum(s.charAt(k)) || s.charAt(k) == '_')) {
      k++;
    }
    return k > i && k < s.length() && s.charAt(k) == '=';
  }

  private static boolean isSentencePunctuation(char c) {
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?';
  }

  /**
   * Letters with digits or symbols, not one char repeated, and nothing a template, a format
   * string, a path or a call begins with or holds.
   */
  static boolean looksLikePassword(String s, int start, int end) {
    char first = s.charAt(start);
    if ("$%{<[(*~/\\#.".indexOf(first) >= 0) {
      return false;
    }
    boolean letter = false;
    boolean digit = false;
    boolean symbol = false;
    boolean oneChar = true;
    for (int k = start; k < end; k++) {
      char c = s.charAt(k);
      if (c == '(' || (c == '{' && k + 1 < end && s.charAt(k + 1) == '{') || (c == '$' && k + 1 < end && s.charAt(k + 1) == '{')) {
        return false;
      }
      letter |= CharClasses.isLetter(c);
      digit |= CharClasses.isDigit(c);
      symbol |= !CharClasses.isAlnum(c);
      oneChar &= c == first;
    }
    return !oneChar && letter && (digit || symbol);
  }
}
