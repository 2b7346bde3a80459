package dev.rampart.plugins.pii.engine;

/**
 * The working arrays of one thread's scans, kept from one scan to the next. The shared pass
 * ({@link TextChunks}) of 256 KiB of entity-dense text fills ~0.5 MB of arrays; allocating them
 * afresh for every scan meant zeroing and copying as many bytes again, a few percent of a scan.
 *
 * <p>A scan {@link #borrow}s its thread's scratch and gives it back when done; while lent, the
 * scratch belongs to that scan alone (a scan that began on the same thread meanwhile, which
 * nothing does today, would get a fresh one). Arrays are only read up to what the scan itself
 * wrote, so what an earlier scan left in them is never seen. Arrays longer than
 * {@link #KEPT_INTS} are not kept: a thread holds at most a few MB between scans.
 */
final class ScanScratch {

  /** The longest array kept for the next scan (1 MiB of ints; a 256 KiB text needs ~80k). */
  static final int KEPT_INTS = 1 << 18;

  private static final ThreadLocal<ScanScratch> PER_THREAD = ThreadLocal.withInitial(ScanScratch::new);

  private boolean lent;
  private int[] turns;
  private int[] classes;
  private int[] digitRuns;
  private int[] chunks;

  /** This thread's scratch, now lent to the caller until {@link #giveBack()}. */
  static ScanScratch borrow() {
    ScanScratch mine = PER_THREAD.get();
    if (mine.lent) {
      return new ScanScratch();
    }
    mine.lent = true;
    return mine;
  }

  /** Ends the loan: the arrays may go to this thread's next scan. */
  void giveBack() {
    lent = false;
  }

  /** An array of at least {@code length} ints for the shared pass's chunk turns. */
  int[] turns(int length) {
    return turns = atLeast(turns, length);
  }

  /** An array of at least {@code length} ints for the shared pass's chunk classes. */
  int[] classes(int length) {
    return classes = atLeast(classes, length);
  }

  /** The last digit-run array kept, or a new one of {@code length} ints if that is shorter. */
  int[] digitRuns(int length) {
    return atLeast(digitRuns, length);
  }

  /** The last chunk array kept, or a new one of {@code length} ints if that is shorter. */
  int[] chunks(int length) {
    return atLeast(chunks, length);
  }

  /** Keeps the arrays a finished shared pass ended with (possibly grown) for the next scan. */
  void keep(int[] digitRuns, int[] chunks) {
    this.digitRuns = digitRuns.length <= KEPT_INTS ? digitRuns : null;
    this.chunks = chunks.length <= KEPT_INTS ? chunks : null;
  }

  private static int[] atLeast(int[] kept, int length) {
    return kept != null && kept.length >= length ? kept : new int[length];
  }
}
