package dev.rampart.platform.plugin;

import dev.rampart.contracts.Extension;
import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.Health;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named extension instances configured in {@code rampart.yaml}, each a fresh object of its
 * extension type, its settings checked against the type's schema, and started with a time limit.
 * An instance that cannot start is reported and left out; the kernel decides whether that is
 * fatal.
 */
public final class ExtensionInstances {

  private static final Logger LOG = LoggerFactory.getLogger(ExtensionInstances.class);

  private final List<Instance> instances = new CopyOnWriteArrayList<>();
  private final Map<String, JsonObject> settings = new java.util.concurrent.ConcurrentHashMap<>();
  private final PluginCalls calls;

  /**
   * One configured instance.
   *
   * @param kind extension point
   * @param name configured name
   * @param type extension type
   * @param pluginId contributing plugin, empty when no plugin provides the type
   * @param extension the started extension, empty when it failed
   * @param callTimeoutMs time limit for calls into it
   * @param failure why it is not running, if it is not
   */
  public record Instance(
      ExtensionKind kind,
      String name,
      String type,
      Optional<String> pluginId,
      Optional<Extension> extension,
      long callTimeoutMs,
      Optional<String> failure) {

    public boolean running() {
      return extension.isPresent();
    }

    public JsonObject toJson() {
      return new JsonObject()
          .put("name", name)
          .put("kind", kind.wireName())
          .put("type", type)
          .put("state", running() ? "started" : "failed")
          .put("failure", failure.orElse(null));
    }
  }

  /**
   * What to start.
   *
   * @param kind extension point
   * @param name configured name
   * @param type extension type
   * @param settings instance settings
   * @param callTimeoutMs time limit per call
   * @param where config location for error messages, e.g. {@code config/rampart.yaml:$.persistence}
   */
  public record Spec(ExtensionKind kind, String name, String type, JsonObject settings, long callTimeoutMs, String where) {}

  public ExtensionInstances(PluginCalls calls) {
    this.calls = calls;
  }

  /** Starts every spec; the future fails only on unexpected errors, never for a bad instance. */
  public Future<ExtensionInstances> start(Vertx vertx, PluginRuntime runtime, List<Spec> specs, Path dataDir) {
    List<Future<Instance>> started = new ArrayList<>();
    for (Spec spec : specs) {
      settings.put(spec.kind().name() + "/" + spec.name(), spec.settings().copy());
      started.add(startOne(vertx, runtime, spec, dataDir).andThen(ar -> instances.add(ar.result())));
    }
    return Future.join(started).transform(ar -> Future.succeededFuture(this));
  }

  private Future<Instance> startOne(Vertx vertx, PluginRuntime runtime, Spec spec, Path dataDir) {
    Optional<PluginRuntime.ExtensionSource> source = runtime.source(spec.kind(), spec.type());
    if (source.isEmpty()) {
      return Future.succeededFuture(failed(spec, Optional.empty(),
          spec.where() + ": no started plugin provides " + spec.kind().wireName() + " type '" + spec.type() + "'"));
    }
    String pluginId = source.get().pluginId();
    Extension extension;
    List<String> problems;
    try {
      extension = runtime.newInstance(source.get());
      problems = SettingsValidator.problems(extension.settingsSchema(), spec.settings(), spec.where() + ".settings");
    } catch (RuntimeException | LinkageError e) {
      return Future.succeededFuture(failed(spec, Optional.of(pluginId), "cannot create: " + PluginRuntime.rootMessage(e)));
    }
    if (!problems.isEmpty()) {
      return Future.succeededFuture(failed(spec, Optional.of(pluginId), String.join("; ", problems)));
    }
    Path folder = dataDir.resolve(spec.kind().wireName()).resolve(spec.name());
    ExtensionContext context = new ExtensionContext(vertx, spec.name(), folder);
    return vertx.fileSystem()
        .mkdirs(folder.toString())
        .compose(v -> calls.call(spec.name(), "start", spec.callTimeoutMs(), () -> extension.start(context, spec.settings())))
        .map(v -> {
          LOG.info("{} instance '{}' ({}) started", spec.kind().wireName(), spec.name(), spec.type());
          return new Instance(spec.kind(), spec.name(), spec.type(), Optional.of(pluginId), Optional.of(extension),
              spec.callTimeoutMs(), Optional.<String>empty());
        })
        .otherwise(e -> failed(spec, Optional.of(pluginId), "start failed: " + PluginRuntime.rootMessage(e)));
  }

  private static Instance failed(Spec spec, Optional<String> pluginId, String why) {
    LOG.error("{} instance '{}' ({}) not started: {}", spec.kind().wireName(), spec.name(), spec.type(), why);
    return new Instance(spec.kind(), spec.name(), spec.type(), pluginId, Optional.empty(), spec.callTimeoutMs(), Optional.of(why));
  }

  /** The configured settings of an instance (whether or not it started); may hold secrets, never log them. */
  public Optional<JsonObject> settings(ExtensionKind kind, String name) {
    return Optional.ofNullable(settings.get(kind.name() + "/" + name)).map(JsonObject::copy);
  }

  public List<Instance> all() {
    return List.copyOf(instances);
  }

  public Optional<Instance> find(ExtensionKind kind, String name) {
    return instances.stream().filter(i -> i.kind() == kind && i.name().equals(name)).findFirst();
  }

  /** The running extension of that kind and name, cast to its extension point. */
  public <T extends Extension> Optional<T> running(ExtensionKind kind, String name, Class<T> point) {
    return find(kind, name).flatMap(Instance::extension).map(point::cast);
  }

  /** Each instance's health through {@link PluginCalls}; a failed instance is DOWN. */
  public Future<Map<String, Health>> health() {
    List<Future<Map.Entry<String, Health>>> checks = new ArrayList<>();
    for (Instance instance : instances) {
      String key = instance.kind().wireName() + ":" + instance.name();
      if (!instance.running()) {
        checks.add(Future.succeededFuture(Map.entry(key, Health.down(instance.failure().orElse("not running")))));
        continue;
      }
      Extension extension = instance.extension().get();
      checks.add(calls.call(instance.name(), "health", instance.callTimeoutMs(), extension::health)
          .otherwise(e -> Health.down(e.getMessage()))
          .map(h -> Map.entry(key, h)));
    }
    return Future.all(checks).map(cf -> {
      Map<String, Health> result = new java.util.TreeMap<>();
      for (int i = 0; i < cf.size(); i++) {
        Map.Entry<String, Health> e = cf.resultAt(i);
        result.put(e.getKey(), e.getValue());
      }
      return result;
    });
  }

  /** Stops every running instance, each with its time limit; never fails. */
  public Future<Void> stop() {
    List<Future<Void>> stops = new ArrayList<>();
    for (Instance instance : instances) {
      instance.extension().ifPresent(ext ->
          stops.add(calls.call(instance.name(), "stop", instance.callTimeoutMs(), ext::stop)
              .onFailure(e -> LOG.warn("instance {} did not stop cleanly: {}", instance.name(), e.getMessage()))));
    }
    return Future.join(stops).mapEmpty().otherwiseEmpty().mapEmpty();
  }
}
