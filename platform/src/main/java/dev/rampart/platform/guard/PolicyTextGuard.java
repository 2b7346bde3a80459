package dev.rampart.platform.guard;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.guard.Finding;
import dev.rampart.contracts.guard.FindingResolver;
import dev.rampart.platform.config.PlatformConfig;
import dev.rampart.platform.config.TenantConfig;
import dev.rampart.platform.plugin.PluginCalls;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guard: each tenant's policy (its file's {@code guard:} section) applied with the running
 * detectors. Synchronous and safe on an event loop — detection is pure CPU, the text is at most
 * {@code guard.max-text-chars} long and every scan has a deadline ({@code guard.scan-deadline-ms})
 * that stops a runaway detector (see {@link DeadlineText}).
 *
 * <p><b>Order of work.</b> Size check ({@code text-too-large}); unpaired surrogates replaced with
 * U+FFFD; the policy's detectors run one after the other and their overlaps are settled
 * ({@link FindingResolver}); each finding gets its action for the direction; prompt injection is
 * scored against the thresholds; then either the text is refused ({@code guard-blocked}, naming
 * entity types and never values) or the rewritten text is returned.
 *
 * <p><b>Failure is closed.</b> If any detector fails or overruns, the text is refused with that
 * error ({@code plugin-failed}, {@code plugin-timeout}, {@code extension-unavailable}); the guard
 * never passes on a text it could not scan. Nothing here logs text.
 */
public final class PolicyTextGuard implements TextGuard {

  private static final Logger LOG = LoggerFactory.getLogger(PolicyTextGuard.class);

  private final Function<String, Optional<TenantConfig>> tenants;
  private final PlatformConfig.Guard settings;
  private final byte[] platformSecret;
  private final DetectorSet.Invoker invoker;
  private final DetectorSet.OpenInvoker openInvoker;
  private final GuardMetrics metrics;
  private final ConcurrentHashMap<String, Compiled> policies = new ConcurrentHashMap<>();
  private final DetectorSet detectors;

  /** A policy and the tenant config it was read from; a reloaded tenant is a new object. */
  private record Compiled(TenantConfig source, GuardPolicy policy) {}

  /**
   * @param tenants live tenant lookup (a reloaded file takes effect at the next call)
   * @param detectors the running detectors
   * @param settings {@code guard:} of rampart.yaml
   * @param platformSecret what tenant hash keys derive from ({@link #platformSecret(PlatformConfig)})
   */
  public PolicyTextGuard(Function<String, Optional<TenantConfig>> tenants, DetectorSet detectors,
      PlatformConfig.Guard settings, byte[] platformSecret, PluginCalls calls, MeterRegistry meters) {
    this.tenants = tenants;
    this.detectors = detectors;
    this.settings = settings;
    this.platformSecret = platformSecret.clone();
    this.invoker = DetectorSet.through(calls);
    this.openInvoker = DetectorSet.openThrough(calls);
    this.metrics = new GuardMetrics(meters);
  }

  /**
   * The secret tenant hash keys derive from: {@code guard.hash-secret}, else the HS256 JWT secret,
   * else a random one for this process (hashes then change at restart, which is logged).
   */
  public static byte[] platformSecret(PlatformConfig platform) {
    if (!platform.guard().hashSecret().isEmpty()) {
      return platform.guard().hashSecret().getBytes(StandardCharsets.UTF_8);
    }
    if (!platform.auth().secret().isEmpty()) {
      return platform.auth().secret().getBytes(StandardCharsets.UTF_8);
    }
    LOG.warn("neither guard.hash-secret nor auth.jwt.secret is set: hashed entities will differ after a restart");
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return random;
  }

  /** The detectors this guard uses. */
  public DetectorSet detectors() {
    return detectors;
  }

  /** The platform settings. */
  public PlatformConfig.Guard settings() {
    return settings;
  }

  /** The tenant's policy (the defaults for an unknown tenant). */
  public GuardPolicy policy(String tenantId) {
    Optional<TenantConfig> tenant = tenants.apply(tenantId);
    if (tenant.isEmpty()) {
      return GuardPolicy.from(new JsonObject(), EntityRewriter.derivedKey(platformSecret, tenantId));
    }
    Compiled compiled = policies.get(tenantId);
    if (compiled == null || compiled.source() != tenant.get()) {
      JsonObject guard = tenant.get().settings().getJsonObject("guard", new JsonObject());
      compiled = new Compiled(tenant.get(), GuardPolicy.from(guard, EntityRewriter.derivedKey(platformSecret, tenantId)));
      policies.put(tenantId, compiled);
    }
    return compiled.policy();
  }

  /**
   * Scans {@code text} and applies the policy, reporting a {@code block} instead of throwing: the
   * implementation of {@code POST /v1/guard/scan}.
   *
   * @param only detector instances to use, a subset of the policy's; empty for all of them
   * @throws RampartException {@code text-too-large}, {@code validation-failed} (a detector the
   *     policy does not use), or a detector failure
   */
  public GuardScan scan(String tenantId, Direction direction, String text, Optional<List<String>> only) {
    long started = System.nanoTime();
    try {
      GuardPolicy policy = policy(tenantId);
      GuardScan scan = evaluate(policy, direction, checked(text, direction), selected(policy, only));
      count(scan.findings(), direction);
      metrics.scan(direction, started, scan.blocked() ? "blocked" : "ok");
      return scan;
    } catch (RampartException e) {
      metrics.scan(direction, started, e.code().code());
      throw e;
    }
  }

  @Override
  public GuardedText apply(String tenantId, Direction direction, String text) {
    long started = System.nanoTime();
    try {
      GuardPolicy policy = policy(tenantId);
      GuardScan scan = evaluate(policy, direction, checked(text, direction), selected(policy, Optional.empty()));
      count(scan.findings(), direction);
      if (scan.blocked()) {
        throw refuse(scan, direction);
      }
      metrics.scan(direction, started, "ok");
      return new GuardedText(scan.text(), scan.plainFindings(), scan.injectionScore(), scan.injectionFlagged());
    } catch (RampartException e) {
      metrics.scan(direction, started, e.code().code());
      throw e;
    }
  }

  @Override
  public StreamGuard stream(String tenantId, Direction direction) {
    GuardPolicy policy = policy(tenantId);
    List<DetectorSet.Detector> selected = selected(policy, Optional.empty());
    int longest = selected.stream().mapToInt(DetectorSet.Detector::maxEntityLength).max().orElse(1);
    int holdBack = Math.max(0, Math.min(longest, settings.maxHoldBackChars()) - 1);
    return new WindowedStreamGuard(this, policy, direction, selected, holdBack, Math.max(1, settings.maxHoldBackChars()));
  }

  // ---- shared with WindowedStreamGuard ----

  /** The size limit, then surrogates; counts a refusal. */
  String checked(String text, Direction direction) {
    if (text.length() > settings.maxTextChars()) {
      metrics.block("text-too-large", direction);
      throw new RampartException(ErrorCode.TEXT_TOO_LARGE, "the text has " + text.length()
          + " characters; the guard accepts at most " + settings.maxTextChars() + " (guard.max-text-chars)");
    }
    return UnpairedSurrogates.replace(text);
  }

  /** Findings with their actions and the rewritten text; no metrics, never throws for a block. */
  GuardScan evaluate(GuardPolicy policy, Direction direction, String text, List<DetectorSet.Detector> selected) {
    if (text.isEmpty() || selected.isEmpty()) {
      return new GuardScan(text, List.of(), 0, false, false, new TreeSet<>());
    }
    List<Finding> found;
    try {
      found = DetectorSet.detect(text, selected, System.nanoTime() + settings.scanDeadlineMs() * 1_000_000,
          settings.scanDeadlineMs(), invoker);
    } catch (RampartException e) {
      metrics.block(switch (e.code()) {
        case PLUGIN_TIMEOUT -> "detector-timeout";
        case EXTENSION_UNAVAILABLE -> "detector-unavailable";
        default -> "detector-failed";
      }, direction);
      throw e;
    }
    double injection = 0;
    for (Finding f : found) {
      if (FindingResolver.INJECTION.equals(f.entityType())) {
        injection = Math.max(injection, f.score());
      }
    }
    GuardPolicy.Injection rule = policy.injection();
    boolean checked = rule.directions().contains(direction);
    boolean injectionBlocked = checked && injection > rule.blockAbove();
    boolean injectionFlagged = checked && !injectionBlocked && injection > rule.flagAbove();
    String injectionAction = injectionBlocked ? "block" : injectionFlagged ? "flag" : "allow";
    List<GuardScan.Acted> acted = new ArrayList<>(found.size());
    SortedSet<String> blockedTypes = new TreeSet<>();
    for (Finding f : found) {
      if (FindingResolver.INJECTION.equals(f.entityType())) {
        acted.add(new GuardScan.Acted(f, injectionAction));
        continue;
      }
      GuardAction action = policy.action(f.entityType(), direction);
      if (action == GuardAction.BLOCK) {
        blockedTypes.add(f.entityType());
      }
      acted.add(new GuardScan.Acted(f, action.wire()));
    }
    String rewritten = rewrite(text, 0, text.length(), acted, policy.hashKey());
    return new GuardScan(rewritten, acted, injection, injectionFlagged, injectionBlocked, blockedTypes);
  }

  /**
   * The earliest entity still growing at the end of {@code text} that the policy does not simply
   * allow in {@code direction} (an allowed one needs no holding back), if any.
   */
  Optional<DetectorSet.Open> openEntity(GuardPolicy policy, Direction direction, String text,
      List<DetectorSet.Detector> selected) {
    if (text.isEmpty() || selected.isEmpty()) {
      return Optional.empty();
    }
    List<DetectorSet.Open> open;
    try {
      open = DetectorSet.openEntities(text, selected, System.nanoTime() + settings.scanDeadlineMs() * 1_000_000,
          settings.scanDeadlineMs(), openInvoker);
    } catch (RampartException e) {
      metrics.block(e.code() == ErrorCode.PLUGIN_TIMEOUT ? "detector-timeout" : "detector-failed", direction);
      throw e;
    }
    DetectorSet.Open earliest = null;
    for (DetectorSet.Open o : open) {
      if (policy.action(o.entityType(), direction) != GuardAction.ALLOW && (earliest == null || o.start() < earliest.start())) {
        earliest = o;
      }
    }
    return Optional.ofNullable(earliest);
  }

  /** The refusal for an entity whose action is {@code block} that outgrew the hold-back. */
  RampartException refuseOpen(String entityType, Direction direction) {
    metrics.block("entity", direction);
    return new RampartException(ErrorCode.GUARD_BLOCKED, "the " + GuardPolicy.wire(direction)
        + " guard policy refuses this text: entity types " + entityType
        + " (still growing past guard.max-hold-back-chars)");
  }

  /**
   * {@code text[from, to)} with every finding inside it rewritten; findings must be sorted by
   * start and not overlap (injection findings, which overlap others, are never rewritten).
   */
  static String rewrite(String text, int from, int to, List<GuardScan.Acted> acted, byte[] hashKey) {
    StringBuilder out = new StringBuilder(to - from);
    int at = from;
    for (GuardScan.Acted a : acted) {
      Finding f = a.finding();
      if (FindingResolver.INJECTION.equals(f.entityType()) || f.start() < at || f.end() > to) {
        continue;
      }
      GuardAction action = GuardAction.fromWire(a.action());
      if (action == GuardAction.ALLOW) {
        continue;
      }
      // a blocked text is refused outright; where it is only reported (scan), the entity shows redacted
      GuardAction shown = action == GuardAction.BLOCK ? GuardAction.REDACT : action;
      out.append(text, at, f.start());
      out.append(EntityRewriter.rewrite(shown, f.entityType(), text.subSequence(f.start(), f.end()), hashKey));
      at = f.end();
    }
    out.append(text, at, to);
    return out.toString();
  }

  /** The refusal for a blocked scan: entity types and the injection score, never values. */
  RampartException refuse(GuardScan scan, Direction direction) {
    List<String> why = new ArrayList<>();
    if (!scan.blockedTypes().isEmpty()) {
      metrics.block("entity", direction);
      why.add("entity types " + String.join(", ", scan.blockedTypes()));
    }
    if (scan.injectionBlocked()) {
      metrics.block("injection", direction);
      why.add(String.format(java.util.Locale.ROOT, "prompt injection (score %.2f)", scan.injectionScore()));
    }
    return new RampartException(ErrorCode.GUARD_BLOCKED,
        "the " + GuardPolicy.wire(direction) + " guard policy refuses this text: " + String.join("; ", why));
  }

  void count(List<GuardScan.Acted> acted, Direction direction) {
    for (GuardScan.Acted a : acted) {
      metrics.finding(a.finding().entityType(), a.finding().detectorId(), a.action(), direction);
    }
  }

  private List<DetectorSet.Detector> selected(GuardPolicy policy, Optional<List<String>> only) {
    DetectorSet current = detectors;
    List<String> allowed = policy.detectors().orElse(current.names());
    if (only.isPresent()) {
      for (String name : only.get()) {
        if (!allowed.contains(name)) {
          throw new RampartException(ErrorCode.VALIDATION_FAILED,
              "detector '" + name + "' is not one this tenant's guard policy uses (" + String.join(", ", allowed) + ")");
        }
      }
      allowed = only.get();
    }
    return current.select(allowed);
  }
}
