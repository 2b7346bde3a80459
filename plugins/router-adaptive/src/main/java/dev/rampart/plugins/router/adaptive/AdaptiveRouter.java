package dev.rampart.plugins.router.adaptive;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.Health;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.router.RouteDecision;
import dev.rampart.contracts.router.RouteOutcome;
import dev.rampart.contracts.router.RouteRequest;
import dev.rampart.contracts.router.RouterPolicy;
import dev.rampart.plugins.router.support.BoundedTable;
import dev.rampart.plugins.router.support.TenantSettings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.pf4j.Extension;

/**
 * Router policy type {@code adaptive}: reads features from each request (size, JSON strictness,
 * tools, domain keywords, novelty against the tenant's recent requests, the small tier's recent
 * failure rate), turns them into a logistic score read as the chance that the small tier fails,
 * and picks the tier that score calls for. Strict JSON-schema work with no other hard feature
 * skips scoring and goes to the small tier. A tenant may run a canary that takes a share of its
 * auto-routed traffic and is rolled back automatically when it drifts past its bounds.
 *
 * <p>Requests with {@code model} empty or {@code auto} are routed adaptively; a tier name routes to
 * that tier; a model id or {@code provider/model} routes there directly.
 *
 * <p>{@link #decide} is bounded CPU work (feature extraction reads at most 16 KiB of the last user
 * message) and returns a completed future. {@link #observe} updates lock-free averages and, for
 * canary calls, a small per-tenant window under that tenant's lock. State is kept for at most
 * {@code max-tenants} tenants and 256 models per tenant.
 */
@Extension
public final class AdaptiveRouter implements RouterPolicy {

  /** The extension type configuration refers to. */
  public static final String TYPE = "adaptive";

  private final Clock clock;
  private volatile TenantSettings<AdaptivePolicy> settings;
  private volatile BoundedTable<TenantState> tenants;
  private volatile AdaptiveRouting routing;

  /** The instance PF4J creates. */
  public AdaptiveRouter() {
    this(Clock.systemUTC());
  }

  /** An instance with its own clock (rollback timestamps); for tests. */
  AdaptiveRouter(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public JsonObject settingsSchema() {
    return AdaptiveSettings.schema();
  }

  @Override
  public Future<Void> start(ExtensionContext context, JsonObject instanceSettings) {
    try {
      JsonObject json = instanceSettings == null ? new JsonObject() : instanceSettings;
      TenantSettings<AdaptivePolicy> parsed = new TenantSettings<>(json, Set.of("weights", "domains"), AdaptivePolicy::parse,
          AdaptiveSettings.parse(json).maxTenants());
      this.tenants = new BoundedTable<>(parsed.instance().settings().maxTenants());
      this.settings = parsed;
      this.routing = new AdaptiveRouting(clock);
      return Future.succeededFuture();
    } catch (IllegalArgumentException bad) {
      return Future.failedFuture(new RampartException(ErrorCode.VALIDATION_FAILED, "adaptive settings: " + bad.getMessage()));
    }
  }

  @Override
  public Future<Health> health() {
    return Future.succeededFuture(routing == null ? Health.down("not started") : Health.up());
  }

  @Override
  public Future<RouteDecision> decide(RouteRequest request) {
    AdaptiveRouting current = routing;
    if (current == null) {
      return Future.failedFuture(new RampartException(ErrorCode.EXTENSION_UNAVAILABLE, "adaptive router not started"));
    }
    AdaptivePolicy policy;
    try {
      policy = settings.forTenant(request.tenantId(), request.tenantSettings());
    } catch (IllegalArgumentException bad) {
      // the tenant file is the operator's mistake, not the client's; the path says where it is
      return Future.failedFuture(new RampartException(ErrorCode.PLUGIN_FAILED, "tenant llm.router settings: " + bad.getMessage()));
    }
    try {
      TenantState state = tenants.get(request.tenantId(), TenantState::new);
      return Future.succeededFuture(current.decide(request, policy, state));
    } catch (RampartException refused) {
      return Future.failedFuture(refused);
    }
  }

  @Override
  public void observe(RouteOutcome outcome) {
    BoundedTable<TenantState> table = tenants;
    if (table == null || outcome == null || outcome.decision() == null || outcome.target() == null) {
      return;
    }
    // only tenants this policy has decided for: an outcome alone never creates state
    TenantState state = table.peek(outcome.tenantId());
    if (state == null) {
      return;
    }
    RouteDecision decision = outcome.decision();
    String answered = outcome.target().provider() + "/" + outcome.target().model();
    String planned = decision.provider() + "/" + decision.model();
    boolean fellBack = !answered.equals(planned);
    state.recordCall(answered, !outcome.success());
    if (fellBack) {
      // the kernel moved past the planned model, so that one failed
      state.recordCall(planned, true);
    }
    if (AdaptiveRouting.CANARY_TIER.equals(decision.tier())) {
      state.currentCanary()
          .filter(trial -> trial.targets(decision.provider(), decision.model()))
          .ifPresent(trial -> trial.record(
              !outcome.success() || fellBack,
              fellBack ? -1 : outcome.latencyMillis(),
              !fellBack && outcome.qualityScore().isPresent() ? outcome.qualityScore().getAsDouble() : Double.NaN));
    }
  }

  /** The canary of a tenant, if it has one this policy has seen. */
  public Optional<CanaryStatus> canaryStatus(String tenantId) {
    BoundedTable<TenantState> table = tenants;
    TenantState state = table == null ? null : table.peek(tenantId);
    return state == null ? Optional.empty() : state.currentCanary().map(CanaryTrial::status);
  }

  /** Recent failure rate (0..1) per {@code provider/model} for a tenant. */
  public Map<String, Double> failureRates(String tenantId) {
    BoundedTable<TenantState> table = tenants;
    TenantState state = table == null ? null : table.peek(tenantId);
    return state == null ? Map.of() : state.failureRates();
  }

  /**
   * Everything above for every tenant, for metrics and admin:
   * {@code {"tenants": {"acme": {"canary": {...} | absent, "failure-rates": {"p/m": 0.1},
   * "recent-requests": 12}}}}.
   */
  public JsonObject state() {
    JsonObject out = new JsonObject();
    BoundedTable<TenantState> table = tenants;
    if (table != null) {
      for (Map.Entry<String, TenantState> e : new TreeMap<>(table.snapshot()).entrySet()) {
        JsonObject tenant = new JsonObject()
            .put("failure-rates", new JsonObject(Map.copyOf(e.getValue().failureRates())))
            .put("recent-requests", e.getValue().recentRequests());
        e.getValue().currentCanary().ifPresent(trial -> tenant.put("canary", trial.status().toJson()));
        out.put(e.getKey(), tenant);
      }
    }
    return new JsonObject().put("tenants", out);
  }
}
