package dev.rampart.platform.guard;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.guard.Finding;
import dev.rampart.contracts.guard.FindingResolver;
import dev.rampart.contracts.guard.PiiDetector;
import dev.rampart.platform.plugin.ExtensionInstances;
import dev.rampart.platform.plugin.ExtensionKind;
import dev.rampart.platform.plugin.PluginCalls;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The running detector instances ({@code detectors:} in rampart.yaml), and how the guard calls
 * them: one after another on the caller's thread, each through {@link PluginCalls#callNow}, each
 * reading the text through a {@link DeadlineText} that carries the scan's deadline.
 *
 * <p><b>Failure is closed.</b> A detector that throws ({@code plugin-failed}), overruns the
 * deadline ({@code plugin-timeout}), returns a finding outside the text or of a type it did not
 * declare ({@code plugin-failed}), or is named by a policy but not running
 * ({@code extension-unavailable}) fails the whole scan: a text is never passed on as clean when
 * it was not fully scanned. Findings of the other detectors are dropped with it.
 */
public final class DetectorSet {

  /** How a detector is called: through {@link PluginCalls}, or directly where nothing may log. */
  @FunctionalInterface
  interface Invoker {
    List<Finding> detect(Detector detector, CharSequence text);
  }

  static Invoker through(PluginCalls calls) {
    return (d, text) -> calls.callNow(d.name(), "detect", () -> d.extension().detect(text));
  }

  /** How {@link PiiDetector#openEntities} is called (only the streaming guard asks). */
  @FunctionalInterface
  interface OpenInvoker {
    List<PiiDetector.OpenEntity> openEntities(Detector detector, CharSequence text);
  }

  static OpenInvoker openThrough(PluginCalls calls) {
    return (d, text) -> calls.callNow(d.name(), "open-entities", () -> d.extension().openEntities(text));
  }

  /** An entity still growing at the end of a streamed text, and the detector that said so. */
  record Open(String detector, String entityType, int start) {}

  /** For the log layer: a failure must not write a log line of its own. */
  static final Invoker DIRECT = (d, text) -> {
    List<Finding> found = d.extension().detect(text);
    if (found == null) {
      throw new IllegalStateException("detector returned null");
    }
    return found;
  };

  /** One running detector, with what it declared at start. */
  record Detector(String name, PiiDetector extension, Set<String> entityTypes, int maxEntityLength) {}

  private final Map<String, Detector> byName;
  private final List<String> configured;

  private DetectorSet(Map<String, Detector> byName, List<String> configured) {
    this.byName = byName;
    this.configured = List.copyOf(configured);
  }

  /**
   * The configured {@code pii-detector} instances. One that failed to start stays among
   * {@link #names()}: a policy that uses it (by name, or by default) fails closed with
   * {@code extension-unavailable} rather than scanning with less than it asked for.
   */
  public static DetectorSet of(ExtensionInstances instances) {
    Map<String, PiiDetector> running = new LinkedHashMap<>();
    List<String> configured = new ArrayList<>();
    for (ExtensionInstances.Instance i : instances.all()) {
      if (i.kind() == ExtensionKind.PII_DETECTOR) {
        configured.add(i.name());
        i.extension().ifPresent(e -> running.put(i.name(), (PiiDetector) e));
      }
    }
    return new DetectorSet(started(running), configured);
  }

  /** Detectors by instance name, already started. */
  public static DetectorSet of(Map<String, PiiDetector> detectors) {
    return new DetectorSet(started(detectors), List.copyOf(detectors.keySet()));
  }

  private static Map<String, Detector> started(Map<String, PiiDetector> detectors) {
    Map<String, Detector> byName = new LinkedHashMap<>();
    detectors.forEach((name, d) -> byName.put(name,
        new Detector(name, d, Set.copyOf(d.entityTypes()), Math.max(1, d.maxEntityLength()))));
    return byName;
  }

  static DetectorSet empty() {
    return new DetectorSet(Map.of(), List.of());
  }

  /** Configured instance names, running or not. */
  public List<String> names() {
    return configured;
  }

  /** The detectors called {@code names}; fails with {@code extension-unavailable} for one not running. */
  /** Every detector. */
  List<Detector> all() {
    return List.copyOf(byName.values());
  }

  List<Detector> select(Collection<String> names) {
    List<Detector> out = new ArrayList<>(names.size());
    for (String name : names) {
      Detector d = byName.get(name);
      if (d == null) {
        throw new RampartException(ErrorCode.EXTENSION_UNAVAILABLE,
            "detector '" + name + "' named by the guard policy is not running");
      }
      out.add(d);
    }
    return out;
  }

  /**
   * Every finding of {@code detectors} in {@code text}, overlaps settled ({@link FindingResolver}).
   *
   * @param deadlineNanos {@link System#nanoTime()} value after which the scan is refused
   * @param budgetMs the budget, for the error message
   */
  static List<Finding> detect(String text, List<Detector> detectors, long deadlineNanos, long budgetMs, Invoker invoker) {
    List<Finding> all = new ArrayList<>();
    for (Detector d : detectors) {
      DeadlineText.Clock clock = new DeadlineText.Clock(deadlineNanos, d.name(), budgetMs);
      clock.check();
      List<Finding> found = invoker.detect(d, new DeadlineText(text, clock));
      // a detector that copied the text out could not be stopped while it ran: check once more
      clock.check();
      for (Finding f : found) {
        if (f == null || f.end() > text.length() || !d.entityTypes().contains(f.entityType())) {
          throw new RampartException(ErrorCode.PLUGIN_FAILED,
              "detector '" + d.name() + "' returned a finding outside the text or of an undeclared type");
        }
        if (f.end() > f.start()) {
          all.add(f.detectorId().equals(d.name()) ? f : new Finding(f.entityType(), f.start(), f.end(), f.score(), d.name()));
        }
      }
    }
    return FindingResolver.resolve(all);
  }

  /**
   * Every entity {@code detectors} report as still growing at the end of {@code text}, checked
   * like {@link #detect}: a start outside the text or an undeclared type fails the scan.
   */
  static List<Open> openEntities(String text, List<Detector> detectors, long deadlineNanos, long budgetMs,
      OpenInvoker invoker) {
    List<Open> all = new ArrayList<>();
    for (Detector d : detectors) {
      DeadlineText.Clock clock = new DeadlineText.Clock(deadlineNanos, d.name(), budgetMs);
      clock.check();
      List<PiiDetector.OpenEntity> open = invoker.openEntities(d, new DeadlineText(text, clock));
      clock.check();
      for (PiiDetector.OpenEntity o : open) {
        if (o == null || o.start() > text.length() || !d.entityTypes().contains(o.entityType())) {
          throw new RampartException(ErrorCode.PLUGIN_FAILED,
              "detector '" + d.name() + "' returned an open entity outside the text or of an undeclared type");
        }
        all.add(new Open(d.name(), o.entityType(), o.start()));
      }
    }
    return all;
  }
}
