package dev.rampart.plugins.pii.engine;

import dev.rampart.contracts.guard.Finding;
import dev.rampart.contracts.guard.FindingResolver;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every enabled scanner over a text, drops candidates under the score threshold and
 * settles overlaps with {@link FindingResolver}. Immutable and thread-safe: each call keeps its
 * state in its own {@link ScanContext}.
 *
 * <p><b>Shape.</b> One pass ({@link TextChunks}) classifies the text's whitespace-separated chunks;
 * each scanner then visits only the chunks that can hold its entities (e-mail addresses and PEM
 * keys are found with {@code indexOf}, which is faster still).
 *
 * <p><b>Cost.</b> Each scanner is linear in the text's length; on top, every call gets a work
 * budget of {@link #STEPS_PER_CHAR} steps per character (plus a constant). If a text exhausts it,
 * the remaining scanners stop early and the result says {@code truncated}: a scan never runs
 * away, whatever the input. Texts longer than {@link #MAX_TEXT_CHARS} are scanned up to that
 * length only (the platform bounds texts well below it).
 */
public final class DetectionEngine {

  /** The longest prefix of a text this engine examines. */
  public static final int MAX_TEXT_CHARS = 4 * 1024 * 1024;
  /** Budget per character of text. */
  public static final long STEPS_PER_CHAR = 128;
  /** Budget every scan gets regardless of length, for the fixed cost of validating candidates. */
  public static final long BASE_STEPS = 100_000;

  private final List<EntityScanner> scanners = new ArrayList<>();
  private final EngineOptions options;
  private final PromptInjection injection = new PromptInjection();
  /** Shapes of injection trigger words, or null when injection is not scanned for. */
  private final int[] triggerShapes;

  public DetectionEngine(EngineOptions options) {
    this.options = options;
    List<EntityScanner> all = List.of(
        new PrivateKeys(), new Secrets(), new Emails(), new Urls(), new UrlCredentials(), new GroupedNumbers(options.enabled()), new Ibans(),
        new IpAddresses(), new MacAddresses(), new CryptoWallets(),
        new PhoneNumbers(options.defaultRegion(), options.otherRegions()), new GenericSecrets(), new PasswordAssignments(),
        injection);
    for (EntityScanner scanner : all) {
      if (scanner.types().stream().anyMatch(options.enabled()::contains)) {
        scanners.add(scanner);
      }
    }
    triggerShapes = scanners.contains(injection) ? injection.triggerShapes() : null;
  }

  public EngineOptions options() {
    return options;
  }

  /** The scanners this engine runs, in order (for the per-family cost table in perf/guard-bench). */
  List<EntityScanner> scanners() {
    return List.copyOf(scanners);
  }

  /** What {@link TextChunks} is given: injection trigger shapes, or null. */
  int[] triggerShapes() {
    return triggerShapes;
  }

  /** Scans with the standard budget. */
  public ScanResult scan(CharSequence text) {
    long chars = Math.min(text.length(), MAX_TEXT_CHARS);
    return scan(text, BASE_STEPS + STEPS_PER_CHAR * chars);
  }

  /**
   * Scans with the standard budget and leaves overlaps unsettled: every candidate at or above the
   * threshold, in no particular order. For a caller that settles overlaps itself, together with
   * other detectors' findings: settling twice can lose a finding (a candidate that hides another
   * here may itself lose to a third detector's finding there, and then neither is kept).
   */
  public ScanResult scanUnresolved(CharSequence text) {
    long chars = Math.min(text.length(), MAX_TEXT_CHARS);
    return scan(text, BASE_STEPS + STEPS_PER_CHAR * chars, false);
  }

  /** Scans with an explicit budget of {@code stepLimit} steps. */
  public ScanResult scan(CharSequence text, long stepLimit) {
    return scan(text, stepLimit, true);
  }

  private ScanResult scan(CharSequence text, long stepLimit, boolean resolve) {
    boolean cut = text.length() > MAX_TEXT_CHARS;
    String s = (cut ? text.subSequence(0, MAX_TEXT_CHARS) : text).toString();
    ScanBudget budget = new ScanBudget(stepLimit);
    budget.charge(s.length());
    ScanScratch scratch = ScanScratch.borrow();
    try {
      ScanContext ctx = new ScanContext(s, new TextChunks(s, triggerShapes, scratch), budget, options.detectorId(),
          options.enabled(), options.minScore());
      for (EntityScanner scanner : scanners) {
        if (budget.exhausted()) {
          break;
        }
        scanner.scan(ctx);
      }
      SecretsInUrls.cut(ctx);
      // the context kept only enabled types at or above the threshold
      List<Finding> found = resolve ? FindingResolver.resolve(ctx.candidates()) : List.copyOf(ctx.candidates());
      return new ScanResult(found, budget.used(), budget.limit(), cut || budget.exhausted());
    } finally {
      scratch.giveBack(); // the chunks are not used past here
    }
  }
}
