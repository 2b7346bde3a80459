package dev.rampart.platform.plugin;

import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/** Plugin-first class loading, except for the {@link SharedPackages}, which come from the platform. */
final class SharedFirstClassLoader extends PluginClassLoader {

  SharedFirstClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
    super(manager, descriptor, parent, ClassLoadingStrategy.PDA);
  }

  @Override
  protected boolean shouldDelegateToParent(String className) {
    return SharedPackages.isShared(className);
  }
}
