package dev.rampart.platform.kernel;

import dev.rampart.contracts.persistence.PersistenceAdapter;
import dev.rampart.platform.admin.AdminOperations;
import dev.rampart.platform.api.ApiOperation;
import dev.rampart.platform.api.ContractInput;
import dev.rampart.platform.auth.AuthOperations;
import dev.rampart.platform.auth.Authenticator;
import dev.rampart.platform.bus.BusDoor;
import dev.rampart.platform.bus.EventBusBridge;
import dev.rampart.platform.config.LoadedConfig;
import dev.rampart.platform.config.PlatformConfig;
import dev.rampart.platform.config.TenantRegistry;
import dev.rampart.platform.conversation.ConversationOperations;
import dev.rampart.platform.conversation.ConversationService;
import dev.rampart.platform.guard.DetectorSet;
import dev.rampart.platform.guard.GuardOperations;
import dev.rampart.platform.guard.LogRedaction;
import dev.rampart.platform.guard.PolicyTextGuard;
import dev.rampart.platform.guard.TextGuard;
import dev.rampart.platform.http.ApiContract;
import dev.rampart.platform.http.ApiRouter;
import dev.rampart.platform.http.HttpVerticle;
import dev.rampart.platform.guard.TextGuard;
import dev.rampart.platform.llm.ChatGateway;
import dev.rampart.platform.llm.GatewaySettings;
import dev.rampart.platform.llm.LlmOperations;
import dev.rampart.platform.persistence.GuardedConversationStore;
import dev.rampart.platform.plugin.ExtensionInstances;
import dev.rampart.platform.plugin.ExtensionKind;
import dev.rampart.platform.plugin.PluginCalls;
import dev.rampart.platform.plugin.PluginReport;
import dev.rampart.platform.plugin.PluginRuntime;
import dev.rampart.platform.ratelimit.LocalLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import io.vertx.micrometer.backends.BackendRegistries;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Boot is one linear story, each step a Future: plugins, extension instances, tenants, services
 * on the bus, the bridge, HTTP, ready. {@link #stop} runs it backwards.
 */
public final class Kernel {

  private static final Logger LOG = LoggerFactory.getLogger(Kernel.class);
  private static final long PURGE_INTERVAL_MS = 60_000;

  private final Vertx vertx;
  private final LoadedConfig config;
  private final Map<String, String> env;
  private PluginRuntime plugins;
  private ExtensionInstances instances;
  private TenantRegistry tenants;
  private BusDoor busDoor;
  private PolicyTextGuard guard;
  private TcpEventBusBridge bridge;
  private String httpDeployment;
  private int httpPort;
  private long purgeTimer = -1;

  private Kernel(Vertx vertx, LoadedConfig config, Map<String, String> env) {
    this.vertx = vertx;
    this.config = config;
    this.env = env;
  }

  /**
   * Boots a kernel on {@code vertx}; fails with {@link BootException} when it cannot serve.
   *
   * @param env the environment tenant files' {@code ${env:NAME}} references resolve against on reload
   */
  public static Future<Kernel> boot(Vertx vertx, LoadedConfig config, Map<String, String> env) {
    Kernel kernel = new Kernel(vertx, config, env);
    return kernel.start().map(kernel);
  }

  private Future<Void> start() {
    PlatformConfig platform = config.platform();
    long started = System.nanoTime();
    MeterRegistry meters = Optional.ofNullable(BackendRegistries.getDefaultNow()).orElseGet(SimpleMeterRegistry::new);
    PluginCalls calls = new PluginCalls(vertx, meters);
    instances = new ExtensionInstances(calls);
    return vertx.executeBlocking(() -> PluginRuntime.load(platform.plugins().folders(), PlatformVersion.current()), false)
        .compose(runtime -> {
          plugins = runtime;
          requirePlugins(platform.plugins().required());
          return instances.start(vertx, runtime, specs(platform), platform.dataDir());
        })
        .compose(v -> {
          PersistenceAdapter persistence = instances
              .running(ExtensionKind.PERSISTENCE, "persistence", PersistenceAdapter.class)
              .orElseThrow(() -> new BootException("persistence '" + platform.persistence().type() + "' is not running: "
                  + instances.find(ExtensionKind.PERSISTENCE, "persistence").flatMap(i -> i.failure()).orElse("unknown")));
          tenants = new TenantRegistry(config, env);
          guard = guard(platform, calls, meters);
          GuardedConversationStore store = new GuardedConversationStore(
              persistence.conversations(), calls, "persistence", platform.persistence().callTimeoutMs());
          return ApiContract.load(vertx).compose(api -> openDoors(api, store, persistence, calls, meters));
        })
        .compose(v -> tenants.watch(vertx, config.tenantsReloadMs()))
        .onSuccess(v -> LOG.info("Rampart {} ready on port {} in {} ms ({} plugin(s), {} instance(s))",
            plugins.systemVersion(), httpPort, (System.nanoTime() - started) / 1_000_000,
            plugins.reports().size(), instances.all().size()))
        .onFailure(e -> LOG.error("Rampart failed to start: {}", e.getMessage()));
  }

  /**
   * The guard over the detector instances just started; from now on log lines are also checked
   * with them, not only with the built-in patterns.
   */
  private PolicyTextGuard guard(PlatformConfig platform, PluginCalls calls, MeterRegistry meters) {
    DetectorSet detectors = DetectorSet.of(instances);
    PlatformConfig.Guard settings = platform.guard();
    LogRedaction.use(detectors, settings.logMaxChars(), settings.scanDeadlineMs());
    return new PolicyTextGuard(tenants::tenant, detectors, settings, PolicyTextGuard.platformSecret(platform), calls, meters);
  }

  private Future<Void> openDoors(ApiContract api, GuardedConversationStore store, PersistenceAdapter persistence,
      PluginCalls calls, MeterRegistry meters) {
    PlatformConfig platform = config.platform();
    Authenticator authenticator = new Authenticator(vertx, platform.auth(), tenants);
    ConversationService conversations = new ConversationService(store, tenants, guard, Clock.systemUTC());
    List<ApiOperation> operations = new ArrayList<>();
    operations.addAll(AuthOperations.of(authenticator));
    operations.addAll(ConversationOperations.of(conversations));
    operations.addAll(GuardOperations.of(guard));
    operations.addAll(AdminOperations.of(plugins, instances, tenants, Set.copyOf(platform.plugins().required())));
    // in-process limiter: one node's counters; a shared implementation replaces it for clusters
    ChatGateway gateway = new ChatGateway(vertx, tenants, instances, calls, persistence.usage(),
        platform.persistence().callTimeoutMs(), new LocalLimiter(), guard, GatewaySettings.from(platform.llm()),
        meters, Clock.systemUTC());
    operations.addAll(LlmOperations.of(gateway, Instant.now().getEpochSecond()));
    ContractInput input = new ContractInput(api.contract());
    busDoor = new BusDoor(vertx, authenticator, input);
    purgeTimer = vertx.setPeriodic(PURGE_INTERVAL_MS, id -> store.purgeExpired(Instant.now())
        .onSuccess(n -> { if (n > 0) LOG.info("purged {} expired conversation(s)", n); })
        .onFailure(e -> LOG.warn("purging expired conversations failed: {}", e.getMessage())));
    ApiRouter.Spec spec = new ApiRouter.Spec(api, platform.server().bodyLimitBytes(), authenticator, input,
        operations, new Readiness(plugins, instances));
    return busDoor.open(operations)
        .compose(v -> platform.bridge().enabled()
            ? EventBusBridge.start(vertx, platform.bridge()).map(b -> { bridge = b; return null; })
            : Future.<Void>succeededFuture())
        .compose(v -> deployHttp(spec));
  }

  private Future<Void> deployHttp(ApiRouter.Spec spec) {
    PlatformConfig.Server server = config.platform().server();
    int instances = server.instances() > 0 ? server.instances() : VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
    httpPort = server.port() == 0 ? freePort() : server.port();
    return vertx.deployVerticle(() -> new HttpVerticle(spec, server.host(), httpPort), new DeploymentOptions().setInstances(instances))
        .map(id -> {
          httpDeployment = id;
          return null;
        });
  }

  private void requirePlugins(List<String> required) {
    Set<String> started = new HashSet<>();
    for (PluginReport r : plugins.reports()) {
      if (!r.failed()) {
        started.add(r.id());
      }
    }
    List<String> missing = new ArrayList<>();
    for (String id : required) {
      if (!started.contains(id)) {
        String why = plugins.reports().stream().filter(r -> r.id().equals(id)).findFirst()
            .flatMap(PluginReport::failure).orElse("not found in " + config.platform().plugins().folders());
        missing.add(id + " (" + why + ")");
      }
    }
    if (!missing.isEmpty()) {
      throw new BootException("required plugin(s) not started: " + String.join("; ", missing));
    }
  }

  private static List<ExtensionInstances.Spec> specs(PlatformConfig platform) {
    List<ExtensionInstances.Spec> specs = new ArrayList<>();
    PlatformConfig.Instance p = platform.persistence();
    specs.add(new ExtensionInstances.Spec(ExtensionKind.PERSISTENCE, "persistence", p.type(), p.settings(),
        p.callTimeoutMs(), "rampart.yaml:$.persistence"));
    for (ExtensionKind kind : ExtensionKind.values()) {
      Map<String, PlatformConfig.Instance> named = platform.extensions().getOrDefault(kind.configKey(), Map.of());
      named.forEach((name, i) -> specs.add(new ExtensionInstances.Spec(kind, name, i.type(), i.settings(),
          i.callTimeoutMs(), "rampart.yaml:$." + kind.configKey() + "." + name)));
    }
    return specs;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new BootException("no free port: " + e.getMessage());
    }
  }

  public int httpPort() {
    return httpPort;
  }

  public Optional<Integer> bridgePort() {
    return Optional.ofNullable(bridge).map(b -> config.platform().bridge().port());
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The guard every text crossing a boundary goes through (the LLM gateway's input and output). */
  public TextGuard guard() {
    return guard;
  }

  /** Stops in reverse order; never fails. */
  public Future<Void> stop() {
    if (purgeTimer >= 0) {
      vertx.cancelTimer(purgeTimer);
    }
    Future<Void> http = httpDeployment == null ? Future.succeededFuture() : vertx.undeploy(httpDeployment);
    return http.transform(ar -> bridge == null ? Future.<Void>succeededFuture() : bridge.close())
        .transform(ar -> busDoor == null ? Future.<Void>succeededFuture() : busDoor.close())
        .transform(ar -> tenants == null ? Future.<Void>succeededFuture() : tenants.stop())
        .transform(ar -> {
          if (guard != null) {
            LogRedaction.release(guard.detectors());
          }
          return instances == null ? Future.<Void>succeededFuture() : instances.stop();
        })
        .transform(ar -> vertx.executeBlocking(() -> {
          if (plugins != null) {
            plugins.stop();
          }
          return null;
        }, false))
        .mapEmpty();
  }
}
