package dev.rampart.platform.llm;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.guard.Finding;
import dev.rampart.contracts.llm.ChatMessage;
import dev.rampart.contracts.llm.ChatRequest;
import dev.rampart.contracts.llm.ModelInfo;
import dev.rampart.contracts.llm.Usage;
import dev.rampart.contracts.persistence.UsageRecord;
import dev.rampart.contracts.persistence.UsageStore;
import dev.rampart.contracts.persistence.UsageTotal;
import dev.rampart.contracts.router.Candidate;
import dev.rampart.contracts.router.RouteDecision;
import dev.rampart.contracts.router.RouteOutcome;
import dev.rampart.contracts.router.RouteRequest;
import dev.rampart.platform.config.TenantConfig;
import dev.rampart.platform.config.TenantRegistry;
import dev.rampart.platform.guard.TextGuard;
import dev.rampart.platform.plugin.ExtensionInstances;
import dev.rampart.platform.plugin.ExtensionKind;
import dev.rampart.platform.plugin.PluginCalls;
import dev.rampart.platform.ratelimit.Limiter;
import dev.rampart.platform.ratelimit.Permit;
import dev.rampart.platform.ratelimit.Remaining;
import dev.rampart.platform.ratelimit.TenantLimits;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LLM gateway: the one implementation of a chat behind every door (OpenAI-compatible HTTP,
 * Rampart's own HTTP API, the event bus). A chat goes through admission (rate and concurrency),
 * the input guard, the router policy, the context and budget checks with an estimate, the
 * provider calls with resilience ({@link ProviderCalls}), the output guard, and accounting: the
 * budget is settled with the real usage, the usage ledger records it, metrics and the router
 * learn the outcome.
 */
public final class ChatGateway {

  private static final Logger ROUTING = LoggerFactory.getLogger("rampart.routing");
  private static final Logger LOG = LoggerFactory.getLogger(ChatGateway.class);

  private final TenantRegistry tenants;
  private final ExtensionInstances instances;
  private final ProviderDirectory directory;
  private final ModelCatalog catalog;
  private final PluginCalls calls;
  private final Limiter limiter;
  private final TextGuard guard;
  private final GatewaySettings settings;
  private final LlmMetrics metrics;
  private final ProviderCalls providers;
  private final UsageLedger ledger;
  private final Clock clock;

  /**
   * @param usage the persistence adapter's usage ledger
   * @param usageTimeoutMs time limit of ledger calls
   */
  public ChatGateway(Vertx vertx, TenantRegistry tenants, ExtensionInstances instances, PluginCalls calls, UsageStore usage,
      long usageTimeoutMs, Limiter limiter, TextGuard guard, GatewaySettings settings, MeterRegistry meters, Clock clock) {
    this.tenants = tenants;
    this.instances = instances;
    this.directory = new ProviderDirectory(instances);
    this.catalog = new ModelCatalog(directory, calls, settings.modelsCacheMs());
    this.calls = calls;
    this.limiter = limiter;
    this.guard = guard;
    this.settings = settings;
    this.metrics = new LlmMetrics(meters);
    this.providers = new ProviderCalls(vertx, calls, directory, settings, metrics, limiter);
    this.ledger = new UsageLedger(usage, calls, usageTimeoutMs, limiter, clock);
    this.clock = clock;
  }

  /** A complete answer. */
  public Future<ChatAnswer> chat(String tenantId, ChatCall call) {
    return prepare(tenantId, call).compose(plan -> providers.complete(plan)
        .onFailure(e -> failed(plan, e))
        .compose(done -> answer(plan, done))
        .andThen(ar -> limiter.release(plan.permit)));
  }

  /**
   * A streamed answer. The future completes once the first token is in, so a failure before it
   * (after every fallback) is an ordinary failed future the door can turn into a problem.
   */
  public Future<ChatStream> stream(String tenantId, ChatCall call, StreamEncoder encoder) {
    return prepare(tenantId, call).compose(plan -> providers.open(plan)
        .onFailure(e -> {
          failed(plan, e);
          limiter.release(plan.permit);
        })
        .map(opened -> relay(plan, opened, encoder)));
  }

  /**
   * The model ids a tenant may ask for: its aliases (the router instance's and the tenant's own),
   * then its providers' models.
   */
  public Future<List<ModelListing>> models(String tenantId) {
    TenantLlm llm = llm(tenant(tenantId));
    Set<String> aliases = new LinkedHashSet<>();
    llm.router().or(settings::defaultRouter)
        .flatMap(router -> instances.settings(ExtensionKind.ROUTER_POLICY, router))
        .map(TenantLlm::aliasesOf)
        .ifPresent(aliases::addAll);
    aliases.addAll(llm.aliases());
    List<ModelListing> listed = new ArrayList<>();
    aliases.forEach(a -> listed.add(new ModelListing(a, "rampart")));
    return candidates(llm).map(candidates -> {
      Set<String> seen = new LinkedHashSet<>(aliases);
      for (Candidate c : candidates) {
        if (seen.add(c.model().id())) {
          listed.add(new ModelListing(c.model().id(), c.provider()));
        }
      }
      return List.copyOf(listed);
    });
  }

  /**
   * A model id a tenant may use.
   *
   * @param id what clients send as {@code model}
   * @param ownedBy the provider instance, or {@code rampart} for an alias
   */
  public record ModelListing(String id, String ownedBy) {}

  /** The tenant's usage per day and model for {@code [from, to]}, and what it may still spend. */
  public Future<UsageReport> usage(String tenantId, LocalDate from, LocalDate to) {
    TenantLimits limits = TenantLimits.from(tenant(tenantId).limits());
    return ledger.seed(tenantId)
        .compose(v -> ledger.totals(tenantId, from, to.plusDays(1)))
        .compose(totals -> limiter.remaining(tenantId, limits).map(left -> new UsageReport(from, to, totals, left)));
  }

  /** Today, UTC, as the ledger counts days. */
  public LocalDate today() {
    return ledger.today();
  }

  /** The circuit breaker state of a provider instance (closed when it has not been called). */
  public CircuitBreakerState breakerState(String provider) {
    return providers.state(provider);
  }

  private TenantConfig tenant(String tenantId) {
    return tenants.tenant(tenantId).orElseThrow(() -> new RampartException(ErrorCode.UNAUTHENTICATED, "unknown tenant"));
  }

  private static TenantLlm llm(TenantConfig tenant) {
    return TenantLlm.from(tenant.settings().getJsonObject("llm"));
  }

  private Future<ChatPlan> prepare(String tenantId, ChatCall call) {
    long started = System.nanoTime();
    TenantConfig tenant;
    try {
      tenant = tenant(tenantId);
    } catch (RampartException e) {
      return Future.failedFuture(e);
    }
    TenantLimits limits = TenantLimits.from(tenant.limits());
    TenantLlm llm = llm(tenant);
    return ledger.seed(tenantId)
        .compose(v -> limiter.admit(tenantId, limits))
        .compose(permit -> planSafely(tenantId, call, llm, limits, permit, started)
            .recover(e -> {
              limiter.release(permit);
              return Future.failedFuture(e);
            }));
  }

  /** {@link #plan}, whose synchronous part (the input guard) may throw: the throw becomes a failed future. */
  private Future<ChatPlan> planSafely(String tenantId, ChatCall call, TenantLlm llm, TenantLimits limits, Permit permit,
      long started) {
    try {
      return plan(tenantId, call, llm, limits, permit, started);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<ChatPlan> plan(String tenantId, ChatCall call, TenantLlm llm, TenantLimits limits, Permit permit, long started) {
    List<GuardFinding> findings = new ArrayList<>();
    List<ChatMessage> messages = new ArrayList<>();
    for (int i = 0; i < call.messages().size(); i++) {
      ChatMessage m = call.messages().get(i);
      TextGuard.GuardedText guarded = guard.apply(tenantId, TextGuard.Direction.INPUT, m.content());
      for (Finding f : guarded.findings()) {
        findings.add(new GuardFinding("input", i, f.entityType(), f.start(), f.end(), f.score()));
      }
      messages.add(new ChatMessage(m.role(), guarded.text(), m.toolCalls(), m.toolCallId()));
    }
    if (llm.providers().isEmpty()) {
      return Future.failedFuture(new RampartException(ErrorCode.NO_PROVIDER,
          "this tenant may use no provider (its llm.providers is empty)"));
    }
    return candidates(llm).compose(candidates -> {
      if (candidates.isEmpty()) {
        return Future.failedFuture(new RampartException(ErrorCode.NO_PROVIDER,
            "none of this tenant's providers " + llm.providers() + " is running"));
      }
      ChatRequest asked = new ChatRequest(call.model(), messages, call.tools(), call.options());
      Optional<String> router = llm.router().or(settings::defaultRouter);
      return decide(tenantId, llm, router, asked, candidates).compose(decision -> {
        List<ChatPlan.Target> chain = chain(decision, candidates);
        if (chain.isEmpty()) {
          return Future.failedFuture(new RampartException(ErrorCode.MODEL_NOT_FOUND,
              "the router chose " + decision.provider() + "/" + decision.model() + ", which this tenant may not use"));
        }
        long prompt = TokenEstimate.prompt(messages, call.tools());
        long maxTokens = call.options().getLong("max-tokens", 0L);
        List<ChatPlan.Target> fitting = chain.stream().filter(t -> prompt + maxTokens <= t.model().contextWindow()).toList();
        if (fitting.isEmpty()) {
          ModelInfo chosen = chain.get(0).model();
          return Future.failedFuture(new RampartException(ErrorCode.CONTEXT_TOO_LARGE, String.format(java.util.Locale.ROOT,
              "about %d prompt tokens%s do not fit the %d-token context of %s", prompt,
              maxTokens > 0 ? " plus max_tokens " + maxTokens : "", chosen.contextWindow(), chosen.id())));
        }
        long completion = maxTokens > 0 ? maxTokens : settings.completionEstimateTokens();
        double cost = fitting.stream().mapToDouble(t -> t.model().cost(new Usage(prompt, completion))).max().orElse(0);
        return limiter.reserve(tenantId, limits, prompt + completion, cost).map(reservation -> new ChatPlan(
            "chatcmpl-" + UUID.randomUUID().toString().replace("-", ""), clock.instant().getEpochSecond(), started,
            tenantId, llm, limits, permit, call, messages, findings, router, decision, fitting, prompt, reservation));
      });
    });
  }

  /** Every model of the tenant's running providers, in the tenant's preference order. */
  private Future<List<Candidate>> candidates(TenantLlm llm) {
    List<Future<List<Candidate>>> each = new ArrayList<>();
    for (String provider : llm.providers()) {
      if (directory.running(provider).isEmpty()) {
        continue;
      }
      boolean available = providers.state(provider) != CircuitBreakerState.OPEN;
      each.add(catalog.models(provider)
          .map(models -> models.stream().map(m -> new Candidate(provider, m, available)).toList())
          .otherwise(e -> {
            LOG.warn("models of provider {} unavailable: {}", provider, e.getMessage());
            return List.of();
          }));
    }
    return Future.all(each).map(all -> {
      List<Candidate> candidates = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        candidates.addAll(all.<List<Candidate>>resultAt(i));
      }
      return candidates;
    });
  }

  private Future<RouteDecision> decide(String tenantId, TenantLlm llm, Optional<String> router, ChatRequest asked,
      List<Candidate> candidates) {
    if (router.isEmpty()) {
      return direct(asked.model(), candidates);
    }
    Optional<ProviderDirectory.Router> policy = directory.router(router.get());
    if (policy.isEmpty()) {
      return Future.failedFuture(new RampartException(ErrorCode.EXTENSION_UNAVAILABLE,
          "router policy '" + router.get() + "' is not running"));
    }
    ProviderDirectory.Router r = policy.get();
    return calls.call(r.name(), "decide", r.callTimeoutMs(),
            () -> r.policy().decide(new RouteRequest(tenantId, asked, candidates, llm.routerSettings().copy())))
        .onSuccess(d -> {
          metrics.decision(r.name(), d.provider(), d.model(), d.tier());
          // reasons name aliases, models and providers only, never request text
          ROUTING.info("tenant={} router={} -> {}/{} tier={} reasons={}", tenantId, r.name(), d.provider(), d.model(),
              d.tier(), d.reasons());
        });
  }

  /** Without a router: the model id must be one an allowed provider serves; the others serving it are fallbacks. */
  private static Future<RouteDecision> direct(String model, List<Candidate> candidates) {
    List<Candidate> serving = candidates.stream().filter(c -> c.model().id().equals(model)).toList();
    if (serving.isEmpty()) {
      return Future.failedFuture(new RampartException(ErrorCode.MODEL_NOT_FOUND,
          "no model or alias '" + model + "' for this tenant; GET /v1/models lists them"));
    }
    List<RouteDecision.Target> fallbacks = serving.stream().skip(1).map(c -> new RouteDecision.Target(c.provider(), model)).toList();
    return Future.succeededFuture(new RouteDecision(serving.get(0).provider(), model, "direct", fallbacks,
        List.of("no router policy: the first allowed provider serving '" + model + "'")));
  }

  /** The decision's targets that the tenant may use, primary first, without repeats. */
  private static List<ChatPlan.Target> chain(RouteDecision decision, List<Candidate> candidates) {
    List<RouteDecision.Target> wanted = new ArrayList<>();
    wanted.add(new RouteDecision.Target(decision.provider(), decision.model()));
    wanted.addAll(decision.fallbacks());
    List<ChatPlan.Target> chain = new ArrayList<>();
    Set<RouteDecision.Target> seen = new LinkedHashSet<>();
    for (RouteDecision.Target t : wanted) {
      if (!seen.add(t)) {
        continue;
      }
      candidates.stream()
          .filter(c -> c.provider().equals(t.provider()) && c.model().id().equals(t.model()))
          .findFirst()
          .ifPresent(c -> chain.add(new ChatPlan.Target(c.provider(), c.model())));
    }
    return chain;
  }

  private Future<ChatAnswer> answer(ChatPlan plan, ProviderCalls.Completed done) {
    ChatPlan.Target target = done.target();
    Usage usage = done.result().usage();
    double cost = target.model().cost(usage);
    account(plan, target, usage, cost, Optional.empty(), OptionalLong.empty());
    ChatMessage message = done.result().message();
    TextGuard.GuardedText out = guard.apply(plan.tenantId, TextGuard.Direction.OUTPUT, message.content());
    List<GuardFinding> findings = new ArrayList<>(plan.findings);
    out.findings().forEach(f -> findings.add(new GuardFinding("output", -1, f.entityType(), f.start(), f.end(), f.score())));
    Timing timing = Timing.of(System.nanoTime() - plan.startedNanos, plan.providerNanos);
    return Future.succeededFuture(new ChatAnswer(plan.id, plan.created, done.result().model(),
        new ChatMessage("assistant", out.text(), message.toolCalls(), Optional.empty()),
        done.result().finishReason(), usage, cost, plan.routing(target), findings, timing));
  }

  private ChatStream relay(ChatPlan plan, ProviderCalls.Opened opened, StreamEncoder encoder) {
    ChatPlan.Target target = opened.target();
    ChatFlow flow = opened.flow();
    StreamEncoder.StreamInfo info = new StreamEncoder.StreamInfo(plan.id, plan.created, target.model().id(), plan.routing(target));
    metrics.timeToFirstToken(target.provider(), target.model().id(), flow.firstTokenNanos());
    flow.settled().onComplete(ar -> {
      ChatFlow.Settlement s = ar.result();
      if (s.failure().isPresent()) {
        metrics.error(target.provider(), target.model().id(), s.failure().get().code().code());
      }
      account(plan, target, s.usage(), s.costUsd(), s.failure(), OptionalLong.of(flow.firstTokenNanos() / 1_000_000));
      limiter.release(plan.permit);
    });
    flow.begin(encoder, info, guard.stream(plan.tenantId, TextGuard.Direction.OUTPUT), plan.findings);
    return new ChatStream(flow, info, Timing.of(System.nanoTime() - plan.startedNanos, plan.providerNanos), flow::cancel);
  }

  /** Settles the budget, records the usage, feeds metrics and the router. */
  private void account(ChatPlan plan, ChatPlan.Target target, Usage usage, double cost, Optional<RampartException> failure,
      OptionalLong firstTokenMillis) {
    String provider = target.provider();
    String model = target.model().id();
    limiter.settle(plan.reservation, usage.totalTokens(), cost);
    metrics.latency(provider, model, System.nanoTime() - plan.startedNanos);
    metrics.tokens(provider, model, usage.promptTokens(), usage.completionTokens());
    metrics.cost(provider, model, cost);
    if (usage.totalTokens() > 0) {
      ledger.record(plan.tenantId, new UsageRecord(plan.id, clock.instant(), provider, model,
          usage.promptTokens(), usage.completionTokens(), cost));
    }
    observe(plan, new RouteDecision.Target(provider, model), failure.isEmpty(), failure.map(e -> e.code().code()),
        firstTokenMillis);
  }

  /** A chain that produced nothing: the reservation is given back, the router learns. */
  private void failed(ChatPlan plan, Throwable e) {
    limiter.settle(plan.reservation, 0, 0);
    ChatPlan.Target last = plan.chain.get(Math.max(0, Math.min(plan.tried.size(), plan.chain.size()) - 1));
    observe(plan, new RouteDecision.Target(last.provider(), last.model().id()), false, Optional.of(ProviderCalls.code(e)),
        OptionalLong.empty());
  }

  private void observe(ChatPlan plan, RouteDecision.Target target, boolean success, Optional<String> code,
      OptionalLong firstTokenMillis) {
    if (plan.router.isEmpty()) {
      return;
    }
    directory.router(plan.router.get()).ifPresent(r -> {
      RouteOutcome outcome = new RouteOutcome(plan.tenantId, plan.decision, target, success,
          (System.nanoTime() - plan.startedNanos) / 1_000_000, firstTokenMillis, code, OptionalDouble.empty());
      calls.call(r.name(), "observe", r.callTimeoutMs(), () -> {
        r.policy().observe(outcome);
        return Future.<Void>succeededFuture();
      }).onFailure(e -> LOG.debug("router {} did not take the outcome: {}", r.name(), e.getMessage()));
    });
  }

  /**
   * The tenant's usage report.
   *
   * @param from first day
   * @param to last day
   * @param totals per day, provider and model
   * @param remaining what the tenant may still spend
   */
  public record UsageReport(LocalDate from, LocalDate to, List<UsageTotal> totals,
      Remaining remaining) {}
}
