package dev.rampart.plugins.router.rules;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.Health;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.router.RouteDecision;
import dev.rampart.contracts.router.RouteOutcome;
import dev.rampart.contracts.router.RouteRequest;
import dev.rampart.contracts.router.RouterPolicy;
import dev.rampart.plugins.router.support.TenantSettings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.pf4j.Extension;

/**
 * Router policy type {@code rules}: aliases that name a target, a weighted mix, a failover list,
 * or a strategy ({@code cheapest}, {@code fastest}) over the candidates that can serve the
 * request. See {@link RulesSettings} for the keys; a tenant's {@code llm.router} settings use the
 * same keys ({@code aliases}, {@code default}, {@code latency-hint-ms}) and win over the
 * instance's, alias by alias.
 *
 * <p>{@link #decide} is pure CPU work bounded by the number of candidates and the prompt length,
 * so it runs on the caller's event loop and returns a completed future. {@link #observe} updates a
 * lock-free latency average.
 */
@Extension
public final class RulesRouter implements RouterPolicy {

  /** The extension type configuration refers to. */
  public static final String TYPE = "rules";

  private final RandomGenerator injectedRandom;
  private volatile TenantSettings<RulesSettings> settings;
  private volatile LatencyBook latencies;
  private volatile RouteRules rules;

  /** The instance PF4J creates; the weighted draw is random unless settings give a {@code seed}. */
  public RulesRouter() {
    this(null);
  }

  /** An instance whose weighted draw uses {@code random}; for tests. */
  RulesRouter(RandomGenerator random) {
    this.injectedRandom = random;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public JsonObject settingsSchema() {
    return RulesSettings.schema();
  }

  @Override
  public Future<Void> start(ExtensionContext context, JsonObject instanceSettings) {
    try {
      JsonObject json = instanceSettings == null ? new JsonObject() : instanceSettings;
      RulesSettings parsed = RulesSettings.parse(json);
      TenantSettings<RulesSettings> tenantSettings =
          new TenantSettings<>(json, Set.of("aliases", "latency-hint-ms"), RulesSettings::parse, parsed.maxTenants());
      LatencyBook book = new LatencyBook(parsed.latencyAlpha());
      this.settings = tenantSettings;
      this.latencies = book;
      this.rules = new RouteRules(book, randomSource(parsed));
      return Future.succeededFuture();
    } catch (IllegalArgumentException bad) {
      return Future.failedFuture(new RampartException(ErrorCode.VALIDATION_FAILED, "rules settings: " + bad.getMessage()));
    }
  }

  private Supplier<RandomGenerator> randomSource(RulesSettings parsed) {
    if (injectedRandom != null) {
      return () -> injectedRandom;
    }
    if (parsed.seed().isPresent()) {
      // java.util.Random is thread-safe, so one seeded sequence can serve every event loop
      Random seeded = new Random(parsed.seed().getAsLong());
      return () -> seeded;
    }
    return ThreadLocalRandom::current;
  }

  @Override
  public Future<Health> health() {
    return Future.succeededFuture(rules == null ? Health.down("not started") : Health.up());
  }

  @Override
  public Future<RouteDecision> decide(RouteRequest request) {
    RouteRules current = rules;
    if (current == null) {
      return Future.failedFuture(new RampartException(ErrorCode.EXTENSION_UNAVAILABLE, "rules router not started"));
    }
    RulesSettings effective;
    try {
      effective = settings.forTenant(request.tenantId(), request.tenantSettings());
    } catch (IllegalArgumentException bad) {
      // the tenant file is the operator's mistake, not the client's; the path says where it is
      return Future.failedFuture(new RampartException(ErrorCode.PLUGIN_FAILED, "tenant llm.router settings: " + bad.getMessage()));
    }
    try {
      return Future.succeededFuture(current.decide(request, effective));
    } catch (RampartException refused) {
      return Future.failedFuture(refused);
    }
  }

  @Override
  public void observe(RouteOutcome outcome) {
    LatencyBook book = latencies;
    if (book == null || outcome == null || outcome.target() == null || !outcome.success()) {
      return;
    }
    book.record(outcome.target().provider(), outcome.target().model(), outcome.latencyMillis());
  }

  /**
   * What the policy has learnt, for metrics and admin: {@code {"latency-ms": {"provider/model":
   * average, ...}}} (successful calls only).
   */
  public JsonObject state() {
    LatencyBook book = latencies;
    return new JsonObject().put("latency-ms", book == null ? new JsonObject() : book.snapshot());
  }
}
