package dev.rampart.plugins.pii.engine;

import java.util.Set;

/**
 * Cryptocurrency addresses: Bitcoin legacy (P2PKH '1…', P2SH '3…') with a valid Base58Check
 * double-SHA-256 checksum, Bitcoin SegWit {@code bc1…} with a valid Bech32 (v0) or Bech32m (v1+)
 * checksum, and Ethereum {@code 0x} + 40 hex digits. Shapes with a bad checksum are dropped. An
 * Ethereum address in mixed case carries its EIP-55 checksum in the case of its letters and is
 * verified ({@link Keccak256}); one in a single case carries none, so it scores lower unless a
 * word like "wallet" or "eth" stands near.
 */
final class CryptoWallets implements EntityScanner {

  /** The shortest address examined (a bc1 address). */
  private static final int MIN_LENGTH = 14;
  private static final ContextWords CONTEXT = new ContextWords(
      "bitcoin", "btc", "wallet", "address", "eth", "ethereum", "crypto", "send", "pay", "usdt");

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.CRYPTO_WALLET);
  }

  @Override
  public void scan(ScanContext ctx) {
    String s = ctx.text();
    TextChunks chunks = ctx.chunks();
    // An address is a whole run of letters and digits between non-word chars, and every form
    // has a digit where a digit run starts: the first char of "1...", "3..." and "0x...", the
    // '1' of "bc1...". So only those places are looked at, each run once.
    int done = 0;
    for (int k = 0; k < chunks.digitRunCount(); k++) {
      int d = chunks.digitRunStart(k);
      if (endsShort(s, d, chunks.digitRunEnd(k))) {
        continue;
      }
      char c = s.charAt(d);
      int start = -1;
      if (c == '1' || c == '3' || c == '0') {
        start = d;
      }
      if (c == '1' && d >= 2 && (s.charAt(d - 2) | 0x20) == 'b' && (s.charAt(d - 1) | 0x20) == 'c') {
        start = d - 2;
      }
      if (start < done || (start > 0 && CharClasses.isWordChar(s.charAt(start - 1))) || !longEnough(s, start)) {
        continue; // none here, or inside a run already looked at, or a run that starts further left, or too short
      }
      ctx.budget().charge(1);
      // the run's digits (and the "bc" before them) are alphanumeric: the run goes on from their end
      int runEnd = chunks.digitRunEnd(k);
      while (runEnd < s.length() && CharClasses.isAlnum(s.charAt(runEnd))) {
        runEnd++;
      }
      done = runEnd;
      // examine takes no run shorter than the shortest address; most runs here are
      if (runEnd - start >= MIN_LENGTH && CharClasses.boundaryAt(s, runEnd) && !ctx.budget().exhausted()) {
        examine(ctx, s, start, runEnd);
      }
    }
  }

  /**
   * Whether the digit run {@code [d, e)} lies in an alnum run too short for any address, read
   * from its end alone: an address starts at most two chars before its digit run ("bc1") and
   * holds {@link #MIN_LENGTH} alnum chars, so a digit run shorter than {@code MIN_LENGTH - 2}
   * must go on into a letter (the char after a digit run is no digit). Most digit runs of log
   * lines (times, dates, addresses, counts) end at punctuation, and this one read turns them away.
   * Passing it by without moving {@code done} changes nothing: the loop would have moved it to
   * this run's end at most, and every later start lies past that end (a "bc" before a later run
   * cannot begin at the non-letter after this run, nor at its last digit).
   */
  private static boolean endsShort(String s, int d, int e) {
    return e - d < MIN_LENGTH - 2 && (e == s.length() || !CharClasses.isLetter(s.charAt(e)));
  }

  /**
   * Whether the run at {@code start} can reach the shortest length of the form its first char
   * announces ({@link #examine} turns shorter runs away): its last char would have to be alnum.
   */
  private static boolean longEnough(String s, int start) {
    char c = s.charAt(start);
    int shortest = c == 'b' || c == 'B' ? MIN_LENGTH : c == '0' ? 42 : 26;
    int last = start + shortest - 1;
    return last < s.length() && CharClasses.isAlnum(s.charAt(last))
        && (c != '0' || s.charAt(start + 1) == 'x' || s.charAt(start + 1) == 'X');
  }

  private static void examine(ScanContext ctx, String s, int start, int end) {
    int len = end - start;
    char c = s.charAt(start);
    double score = 0;
    if ((c == '1' || c == '3') && len >= 26 && len <= 35) {
      ctx.budget().charge(len * 40L);
      score = Base58Check.isBitcoinAddress(s, start, end) ? 0.9 : 0;
    } else if ((c == 'b' || c == 'B') && len >= MIN_LENGTH && len <= 90 && s.regionMatches(true, start, "bc1", 0, 3)) {
      ctx.budget().charge(len * 10L);
      score = Bech32.isSegwitAddress(s.substring(start, end)) ? 0.95 : 0;
    } else if (c == '0' && len == 42 && (s.charAt(start + 1) == 'x' || s.charAt(start + 1) == 'X')) {
      score = !allHex(s, start + 2, end) ? 0 : !mixedCase(s, start + 2, end) ? 0.6 : eip55(s, start + 2) ? 0.9 : 0;
    }
    if (score > 0) {
      ctx.add(EntityType.CRYPTO_WALLET, start, end, score + (CONTEXT.near(s, start, end, ctx.budget()) ? 0.2 : 0));
    }
  }

  private static boolean mixedCase(String s, int from, int to) {
    boolean upper = false;
    boolean lower = false;
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      upper |= c >= 'A' && c <= 'F';
      lower |= c >= 'a' && c <= 'f';
    }
    return upper && lower;
  }

  /**
   * EIP-55: the 40 hex digits at {@code from}, hashed in lower case with Keccak-256; a letter is
   * upper case exactly when the hash's nibble at its position is 8 or more.
   */
  static boolean eip55(String s, int from) {
    byte[] lower = new byte[40];
    for (int k = 0; k < 40; k++) {
      lower[k] = (byte) (s.charAt(from + k) | (CharClasses.isLetter(s.charAt(from + k)) ? 0x20 : 0));
    }
    byte[] hash = Keccak256.digest(lower);
    for (int k = 0; k < 40; k++) {
      char c = s.charAt(from + k);
      if (CharClasses.isLetter(c)) {
        int nibble = (hash[k / 2] >> (k % 2 == 0 ? 4 : 0)) & 0xf;
        if ((nibble >= 8) != CharClasses.isUpper(c)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean allHex(String s, int from, int to) {
    for (int k = from; k < to; k++) {
      if (!CharClasses.isHex(s.charAt(k))) {
        return false;
      }
    }
    return true;
  }
}
