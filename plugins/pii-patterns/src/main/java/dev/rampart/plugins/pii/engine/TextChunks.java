package dev.rampart.plugins.pii.engine;

/**
 * The one pass every scan makes over the whole text: it cuts the text at ASCII whitespace into
 * chunks and records, per chunk, which character classes it holds (digits, upper case, '@',
 * ':', '.', ...). Families then visit only the chunks whose classes can start one of their
 * entities, instead of each walking the whole text: in prose most chunks are plain words that no
 * family but prompt injection wants, and those words are checked here, once, against the
 * injection trigger shapes.
 *
 * <p><b>Why exact.</b> A family's scan is a left-to-right loop whose only state is its position.
 * Every entity begins with characters that cannot be whitespace, so the chunk holding its start
 * holds the classes the family gates on; a chunk without them is one where the original loop
 * would only have stepped past. Work that runs on past a chunk (a phone number or a card spans
 * spaces) leaves the loop's position beyond it, and the family resumes from there.
 *
 * <p>One per scan; not thread-safe.
 */
final class TextChunks {

  static final int DIGIT = 1;
  static final int UPPER = 1 << 1;
  static final int LOWER = 1 << 2;
  static final int AT = 1 << 3;
  static final int COLON = 1 << 4;
  static final int DOT = 1 << 5;
  static final int SLASH = 1 << 6;
  static final int DASH = 1 << 7;
  static final int UNDERSCORE = 1 << 8;
  static final int PLUS_OR_PAREN = 1 << 9;
  /** '<', '[' or '#': a chat-template delimiter may open here. */
  static final int DELIMITER = 1 << 10;
  static final int OTHER = 1 << 11;
  static final int NON_ASCII = 1 << 12;
  /** The chunk is at least {@link #LONG_CHUNK} chars: room for tokens, keys and base64. */
  static final int LONG = 1 << 13;
  static final int LONG_CHUNK = 20;
  /** An apostrophe ("don't", "you're"), also counted as {@link #OTHER}. */
  static final int APOSTROPHE = 1 << 14;
  static final int EQUALS = 1 << 15;
  /**
   * The classes whose chars are all generic-secret chars ({@link CharClasses#SECRET}): a chunk
   * holding no other class is one run of them.
   */
  static final int SECRET_ONLY = DIGIT | UPPER | LOWER | DOT | SLASH | DASH | UNDERSCORE | EQUALS | LONG;

  private static final int SPACE = 1 << 31; // the sign bit: {@code b >>> 31} says whitespace
  /** Chars classified per block; the scratch arrays hold one block's chunks. */
  private static final int BLOCK = 4096;
  private static final int LETTERS = UPPER | LOWER;
  /**
   * Classes of every char, indexed by the char itself: ASCII chars have theirs, every other char
   * is {@link #NON_ASCII}. A full table (256 KiB, of which text that is mostly ASCII touches the
   * first 512 bytes) spares the hot loop a clamp to 128 on every char: the pass ran 1.07-1.19x
   * faster.
   */
  private static final int[] CLASSES = new int[Character.MAX_VALUE + 1];
  /** Most texts, and most log lines, hold no trigger-shaped word: the word list starts empty. */
  private static final int[] NO_WORDS = new int[0];

  static {
    for (int c = 0; c < 128; c++) {
      int b;
      if (c >= '0' && c <= '9') {
        b = DIGIT;
      } else if (c >= 'A' && c <= 'Z') {
        b = UPPER;
      } else if (c >= 'a' && c <= 'z') {
        b = LOWER;
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
        b = SPACE;
      } else {
        b = switch (c) {
          case '@' -> AT;
          case ':' -> COLON;
          case '.' -> DOT;
          case '/' -> SLASH;
          case '-' -> DASH;
          case '_' -> UNDERSCORE;
          case '+', '(' -> PLUS_OR_PAREN;
          case '<', '[', '#' -> DELIMITER;
          case '\'' -> OTHER | APOSTROPHE;
          case '=' -> EQUALS;
          default -> OTHER;
        };
      }
      CLASSES[c] = b;
    }
    java.util.Arrays.fill(CLASSES, 128, CLASSES.length, NON_ASCII);
  }

  /** Chunks not made only of letters, as triples: start, end, classes. */
  private int[] chunks;
  private int chunkCount;
  /** Plain words whose first two letters and length fit a trigger word, as pairs: start, end. */
  private int[] words = NO_WORDS;
  private int wordCount;
  private int textClasses;
  private final int textLength;
  /** Digit runs as pairs: start, end. */
  private int[] digitRuns;
  private int digitRunCount;

  /**
   * Classifies {@code s}. With {@code triggerShapes} (see {@link InjectionPhrases#triggerShapes()})
   * chunks made only of letters are matched against it; without, they are dropped.
   */
  TextChunks(String s, int[] triggerShapes) {
    this(s, triggerShapes, new ScanScratch());
  }

  /** As {@link #TextChunks(String, int[])}, with arrays from {@code scratch} (which keeps them after). */
  TextChunks(String s, int[] triggerShapes, ScanScratch scratch) {
    int n = s.length();
    textLength = n;
    // room for a chunk per 64 chars; grows for denser text (a whole number of triples: see addChunk)
    chunks = scratch.chunks(Math.max(48, n / 64 * 3));
    // Block by block, a loop without branches on the text (a word boundary every few chars is a
    // branch the CPU mispredicts; this form ran twice as fast) notes where the text turns from
    // whitespace to non-whitespace and back (chunk starts at even slots, ends at odd ones), the
    // classes seen so far in the chunk, and where it turns from non-digit to digit and back
    // (digit runs). Every slot is written on every char and moves on only at a turn, so the last
    // write before a turn stays. The chunks are then looked at one by one.
    int block = Math.min(n, BLOCK);
    int[] turns = scratch.turns(block + 2);
    int[] classes = scratch.classes(block + 2);
    // digit runs are written straight into digitRuns, as start, end pairs: a run still open at the
    // end of a block has its start in place, and the next block goes on from there
    digitRuns = scratch.digitRuns(block + 2);
    int d = 0;
    int bits = 0;
    int before = SPACE; // the class of the char before: the text is read as if whitespace came before it
    int openChunk = 0;
    int all = 0;
    for (int from = 0; from < n; from += BLOCK) {
      int to = Math.min(n, from + BLOCK);
      int[] runs = roomForDigitRuns(d, from, to, n);
      // a chunk still open from the block before takes slot 0
      int t = (before >>> 31) ^ 1;
      turns[0] = openChunk;
      for (int i = from; i < to; i++) {
        int b = CLASSES[s.charAt(i)];
        int turn = b ^ before; // sign bit: whitespace begins or ends; DIGIT: a digit run does
        turns[t] = i;
        classes[t] = bits;
        t += turn >>> 31;
        runs[d] = i;
        d += turn & DIGIT;
        bits = (bits | b) & ~(b >> 31); // whitespace clears
        before = b;
      }
      for (int k = 0; k + 1 < t; k += 2) {
        all |= classes[k + 1];
        record(s, turns[k], turns[k + 1], classes[k + 1], triggerShapes);
      }
      openChunk = turns[t & ~1];
    }
    if ((before & DIGIT) != 0) {
      digitRuns[d++] = n;
    }
    digitRunCount = d / 2;
    if (before >= 0) {
      all |= bits;
      record(s, openChunk, n, bits, triggerShapes);
    }
    textClasses = all;
    scratch.keep(digitRuns, chunks);
  }

  /**
   * {@link #digitRuns} with room for the block {@code from..to} (every char of it may start or
   * end a run) after the {@code used} slots the text before it filled. Grown once to what the
   * whole text of {@code n} chars needs at the density seen so far, rather than doubled block
   * after block: on digit-dense text doubling copied and zeroed twice the final size.
   */
  private int[] roomForDigitRuns(int used, int from, int to, int n) {
    int size = used + (to - from) + 2;
    if (size > digitRuns.length) {
      long expected = from == 0 ? 0 : (long) used * n / from + BLOCK + 2;
      long atLeast = Math.max(size, digitRuns.length * 2L);
      long most = n + 2L; // a run starts or ends at most at every char
      digitRuns = java.util.Arrays.copyOf(digitRuns, (int) Math.min(most, Math.max(expected, atLeast)));
    }
    return digitRuns;
  }

  private void record(String s, int start, int end, int bits, int[] triggerShapes) {
    int len = end - start;
    if ((bits & ~LETTERS) != 0 || len >= LONG_CHUNK) {
      // LONG without a branch: (LONG_CHUNK - 1 - len) is negative exactly when len >= LONG_CHUNK
      addChunk(start, end, bits | ((LONG_CHUNK - 1 - len) >> 31 & LONG));
    } else if (mayBeTrigger(s, start, end, triggerShapes)) {
      addWord(start, end); // a plain word: only prompt injection cares, and only if it can be a trigger word
    }
    // other plain words are turned away here: no family wants them
  }

  private static boolean mayBeTrigger(String s, int start, int end, int[] triggerShapes) {
    int len = end - start;
    return triggerShapes != null && len >= 2 && (triggerShapes[InjectionPhrases.shape(s, start)] & (1 << len)) != 0;
  }

  private void addWord(int start, int end) {
    if (wordCount * 2 == words.length) {
      words = java.util.Arrays.copyOf(words, Math.max(32, words.length * 2));
    }
    words[wordCount * 2] = start;
    words[wordCount * 2 + 1] = end;
    wordCount++;
  }

  private void addChunk(int start, int end, int bits) {
    if (chunkCount * 3 == chunks.length) {
      chunks = grownChunks(end);
    }
    int at = chunkCount * 3;
    chunks[at] = start;
    chunks[at + 1] = end;
    chunks[at + 2] = bits;
    chunkCount++;
  }

  /**
   * {@link #chunks} grown, when full at {@code end} chars into the text, to what the whole text
   * needs at the density seen so far (most texts then grow once).
   */
  private int[] grownChunks(int end) {
    long expected = (long) chunkCount * textLength / Math.max(end, 1) + 64;
    long most = textLength + 1L; // more chunks than chars cannot be
    long grown = Math.min(most, Math.max(expected, chunkCount * 2L));
    // a whole number of triples: addChunk's test for a full array needs it
    return java.util.Arrays.copyOf(chunks, (int) (3 * grown));
  }

  /**
   * How many maximal runs of ASCII digits the text has. Numbers start at these runs and nowhere
   * else: a digit inside a run is glued to the one before it.
   */
  int digitRunCount() {
    return digitRunCount;
  }

  /** Where the {@code k}-th digit run starts (runs in text order). */
  int digitRunStart(int k) {
    return digitRuns[2 * k];
  }

  /** Where the {@code k}-th digit run ends (the first char after its last digit). */
  int digitRunEnd(int k) {
    return digitRuns[2 * k + 1];
  }

  /** The classes found anywhere in the text (not {@link #LONG}). */
  int textClasses() {
    return textClasses;
  }

  int count() {
    return chunkCount;
  }

  int start(int k) {
    return chunks[k * 3];
  }

  int end(int k) {
    return chunks[k * 3 + 1];
  }

  int classes(int k) {
    return chunks[k * 3 + 2];
  }

  /** Plain words that may be injection triggers. */
  int wordCount() {
    return wordCount;
  }

  int wordStart(int k) {
    return words[k * 2];
  }

  int wordEnd(int k) {
    return words[k * 2 + 1];
  }
}
