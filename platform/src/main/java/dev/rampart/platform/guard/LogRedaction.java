package dev.rampart.platform.guard;

import dev.rampart.contracts.guard.Finding;
import dev.rampart.contracts.guard.FindingResolver;
import java.util.ArrayList;
import java.util.List;

/**
 * The platform's log policy, applied to every log line by {@link RedactingMessageConverter} and
 * {@link RedactingThrowableConverter}: every entity detected is redacted ({@code [EMAIL]}), with
 * the {@link BuiltInSecrets} always on and the configured detector plugins too once the kernel
 * has started them ({@link #use}). A message longer than {@code guard.log-max-chars} is cut there;
 * it is scanned a little past the cut, so an entity crossing the cut is redacted whole. Every
 * detector call carries the scan deadline ({@code guard.scan-deadline-ms}), as in the guard.
 *
 * <p><b>Fails safe.</b> If redaction fails or overruns its deadline, the message body is replaced
 * with {@link #WITHHELD}; a line logged while a line is being redacted on the same thread (a
 * detector that logs) gets {@link #WITHHELD} as well, rather than recursing.
 */
public final class LogRedaction {

  /** What is logged instead of a message that could not be checked. */
  public static final String WITHHELD = "[log message withheld: it could not be checked for secrets]";

  private static final ThreadLocal<Boolean> BUSY = new ThreadLocal<>();
  /** How far past the cut a long message is scanned: entities longer than this may be cut unseen. */
  private static final int CUT_LOOKAHEAD = 512;
  private static volatile Setup setup = new Setup(DetectorSet.empty(), 16384, 250);

  /** The built-in patterns, run like any detector so the same deadline and checks apply. */
  private static final DetectorSet.Detector BUILT_IN = new DetectorSet.Detector(BuiltInSecrets.DETECTOR,
      new BuiltInSecrets.AsDetector(), BuiltInSecrets.TYPES, Integer.MAX_VALUE);

  private record Setup(DetectorSet detectors, int maxChars, long deadlineMs) {}

  private LogRedaction() {}

  /** Uses {@code detectors} beside the built-in patterns from now on. */
  public static void use(DetectorSet detectors, int maxChars, long deadlineMs) {
    setup = new Setup(detectors, maxChars, deadlineMs);
  }

  /** Back to the built-in patterns, if {@code detectors} are still the ones in use (a kernel stopping). */
  public static void release(DetectorSet detectors) {
    Setup current = setup;
    if (current.detectors() == detectors) {
      setup = new Setup(DetectorSet.empty(), current.maxChars(), current.deadlineMs());
    }
  }

  /** {@code message} with every detected entity redacted; {@link #WITHHELD} when that cannot be done. */
  public static String redact(String message) {
    if (message == null || message.isEmpty()) {
      return message;
    }
    if (BUSY.get() != null) {
      return WITHHELD;
    }
    BUSY.set(Boolean.TRUE);
    try {
      Setup current = setup;
      // scan a little past the cut, so an entity crossing it is seen whole and redacted whole
      int window = Math.min(message.length(), current.maxChars() + CUT_LOOKAHEAD);
      String text = UnpairedSurrogates.replace(message.substring(0, window));
      List<DetectorSet.Detector> detectors = new ArrayList<>();
      detectors.add(BUILT_IN);
      detectors.addAll(current.detectors().all());
      List<Finding> found = DetectorSet.detect(text, detectors, System.nanoTime() + current.deadlineMs() * 1_000_000,
          current.deadlineMs(), DetectorSet.DIRECT);
      int cut = Math.min(message.length(), current.maxChars());
      List<GuardScan.Acted> redactions = new ArrayList<>();
      for (Finding f : found) {
        if (FindingResolver.INJECTION.equals(f.entityType()) || f.start() >= cut) {
          continue;
        }
        cut = Math.max(cut, f.end());
        redactions.add(new GuardScan.Acted(f, GuardAction.REDACT.wire()));
      }
      String out = PolicyTextGuard.rewrite(text, 0, cut, redactions, new byte[1]);
      return cut < message.length() ? out + "[… " + (message.length() - cut) + " more chars cut]" : out;
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return WITHHELD;
    } finally {
      BUSY.remove();
    }
  }

}
