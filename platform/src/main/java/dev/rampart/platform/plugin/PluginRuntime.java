package dev.rampart.platform.plugin;

import dev.rampart.contracts.Extension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and starts the plugin jars found in the configured folders and indexes the extension
 * types they contribute. A jar that cannot be read, is incompatible, or fails to start is
 * reported and skipped; the kernel decides whether that is fatal (required plugins).
 *
 * <p>Loading does blocking file I/O and class loading: call {@link #load} before Vert.x serves
 * requests, or from a worker.
 */
public final class PluginRuntime {

  private static final Logger LOG = LoggerFactory.getLogger(PluginRuntime.class);

  private final RampartPluginManager manager;
  private final String systemVersion;
  private final List<PluginReport> reports = new ArrayList<>();
  private final Map<String, ExtensionSource> types = new HashMap<>();

  /**
   * Where an extension type comes from.
   *
   * @param pluginId the contributing plugin
   * @param type the extension's type name
   * @param extensionClass its class, instantiated once per configured instance
   */
  public record ExtensionSource(String pluginId, String type, Class<? extends Extension> extensionClass) {}

  private PluginRuntime(List<Path> folders, String systemVersion) {
    this.manager = new RampartPluginManager(folders, systemVersion);
    this.systemVersion = systemVersion;
  }

  /** Loads and starts every plugin jar in {@code folders}. Never throws for a bad plugin. */
  public static PluginRuntime load(List<Path> folders, String systemVersion) {
    PluginRuntime runtime = new PluginRuntime(folders, systemVersion);
    for (Path jar : new JarFilesRepository(folders).getPluginPaths()) {
      runtime.reports.add(runtime.loadOne(jar));
    }
    return runtime;
  }

  public String systemVersion() {
    return systemVersion;
  }

  public List<PluginReport> reports() {
    return List.copyOf(reports);
  }

  /** The source of an extension type, if a started plugin contributes it. */
  public Optional<ExtensionSource> source(ExtensionKind kind, String type) {
    return Optional.ofNullable(types.get(key(kind, type)));
  }

  /** A new, unstarted instance of an extension class. */
  public Extension newInstance(ExtensionSource source) {
    return manager.getExtensionFactory().create(source.extensionClass());
  }

  /** Stops plugins one by one (pf4j#656: {@code stopPlugins()} can throw CME), then unloads. */
  public void stop() {
    List<PluginWrapper> started = new ArrayList<>(manager.getStartedPlugins());
    for (int i = started.size() - 1; i >= 0; i--) {
      String id = started.get(i).getPluginId();
      try {
        manager.stopPlugin(id);
        manager.unloadPlugin(id);
      } catch (RuntimeException e) {
        LOG.warn("plugin {} did not stop cleanly: {}", id, e.toString());
      }
    }
  }

  private PluginReport loadOne(Path jar) {
    String fileName = jar.getFileName().toString();
    PluginDescriptor descriptor;
    try {
      descriptor = manager.descriptorFinder().find(jar);
    } catch (RuntimeException e) {
      return failed(fileName, "", jar, "unreadable plugin jar: " + rootMessage(e));
    }
    String id = descriptor.getPluginId();
    String version = descriptor.getVersion();
    String requires = descriptor.getRequires();
    boolean compatible;
    try {
      compatible = manager.getVersionManager().checkVersionConstraint(systemVersion, requires);
    } catch (RuntimeException e) {
      return failed(id, version, jar, "plugin " + id + " has an unreadable Plugin-Requires '" + requires
          + "' (write ranges like '>=0.1.0 & <1.0.0'): " + rootMessage(e));
    }
    if (!compatible) {
      return failed(id, version, jar,
          "plugin " + id + " " + version + " requires Rampart " + requires
              + ", but this is Rampart " + systemVersion);
    }
    if (manager.getPlugin(id) != null) {
      return failed(id, version, jar, "duplicate plugin id " + id + ", already loaded from "
          + manager.getPlugin(id).getPluginPath());
    }
    try {
      manager.loadPlugin(jar);
      PluginState state = manager.startPlugin(id);
      PluginWrapper wrapper = manager.getPlugin(id);
      if (state != PluginState.STARTED) {
        Throwable cause = wrapper.getFailedException();
        String why = cause == null ? "plugin did not start (state " + state + ")" : "start failed: " + rootMessage(cause);
        manager.unloadPlugin(id);
        return failed(id, version, jar, why);
      }
      List<PluginReport.ExtensionType> contributed = indexExtensions(id);
      LOG.info("plugin {} {} started from {} with {} extension(s)", id, version, jar, contributed.size());
      return new PluginReport(id, version, jar, "started", contributed, Optional.empty());
    } catch (RuntimeException | LinkageError e) {
      try {
        manager.unloadPlugin(id);
      } catch (RuntimeException ignored) {
        // it may never have been registered; the failure below is what matters
      }
      return failed(id, version, jar, "load failed: " + rootMessage(e));
    }
  }

  private List<PluginReport.ExtensionType> indexExtensions(String pluginId) {
    List<PluginReport.ExtensionType> contributed = new ArrayList<>();
    for (ExtensionKind kind : ExtensionKind.values()) {
      for (Class<? extends Extension> cls : manager.getExtensionClasses(kind.point(), pluginId)) {
        Extension probe = manager.getExtensionFactory().create(cls);
        String type = probe.type();
        ExtensionSource previous = types.putIfAbsent(key(kind, type), new ExtensionSource(pluginId, type, cls));
        if (previous != null) {
          LOG.warn("{} type '{}' from plugin {} ignored: plugin {} already provides it",
              kind.wireName(), type, pluginId, previous.pluginId());
          continue;
        }
        contributed.add(new PluginReport.ExtensionType(kind, type, cls.getName()));
      }
    }
    return contributed;
  }

  private PluginReport failed(String id, String version, Path jar, String why) {
    LOG.error("plugin {} from {} not loaded: {}", id, jar, why);
    return new PluginReport(id, version, jar, "failed", List.of(), Optional.of(why));
  }

  private static String key(ExtensionKind kind, String type) {
    return kind.name() + "/" + type;
  }

  static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
