package dev.rampart.platform.plugin;

import java.nio.file.Path;
import java.util.List;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginLoader;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.RuntimeMode;

/**
 * PF4J configured for Rampart: plugins are jar files (with a PF4J manifest) in the configured
 * folders, loaded with {@link SharedFirstClassLoader}, in deployment mode, with the platform's
 * version as the system version so {@code Plugin-Requires} ranges are enforced.
 */
final class RampartPluginManager extends DefaultPluginManager {

  RampartPluginManager(List<Path> folders, String systemVersion) {
    super(folders);
    setSystemVersion(systemVersion);
  }

  @Override
  public RuntimeMode getRuntimeMode() {
    return RuntimeMode.DEPLOYMENT;
  }

  @Override
  protected PluginDescriptorFinder createPluginDescriptorFinder() {
    return new ManifestPluginDescriptorFinder();
  }

  @Override
  protected PluginRepository createPluginRepository() {
    return new JarFilesRepository(getPluginsRoots());
  }

  @Override
  protected PluginLoader createPluginLoader() {
    return new JarPluginLoader(this) {
      @Override
      protected PluginClassLoader createPluginClassLoader(Path path, PluginDescriptor descriptor) {
        return new SharedFirstClassLoader(pluginManager, descriptor, getClass().getClassLoader());
      }
    };
  }

  /** Exposes the descriptor finder so the runtime can check compatibility before loading. */
  PluginDescriptorFinder descriptorFinder() {
    return getPluginDescriptorFinder();
  }
}
