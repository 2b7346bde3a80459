package dev.rampart.platform.testplugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes a real PF4J plugin jar from classes on the test class path: a manifest, the class files
 * and {@code META-INF/extensions.idx}. Lets tests exercise misbehaving plugins (throwing,
 * hanging, incompatible) through the same loader as production plugins.
 */
public final class TestPluginJar {

  private final String id;
  private final Map<String, String> manifest = new LinkedHashMap<>();
  private final List<Class<?>> classes = new ArrayList<>();
  private final List<Class<?>> extensions = new ArrayList<>();

  private TestPluginJar(String id) {
    this.id = id;
    manifest.put("Plugin-Id", id);
    manifest.put("Plugin-Version", "1.0.0");
    manifest.put("Plugin-Requires", ">=0.1.0");
  }

  public static TestPluginJar plugin(String id) {
    return new TestPluginJar(id);
  }

  public TestPluginJar requires(String range) {
    manifest.put("Plugin-Requires", range);
    return this;
  }

  public TestPluginJar pluginClass(Class<?> cls) {
    manifest.put("Plugin-Class", cls.getName());
    classes.add(cls);
    return this;
  }

  /**
   * Adds an extension class, listed in extensions.idx, with its nested classes and the test-plugin
   * classes they extend (so the jar holds them as a real plugin would, rather than borrowing them
   * from the test class path).
   */
  public TestPluginJar extension(Class<?> cls) {
    extensions.add(cls);
    addWithTestSuperclasses(cls);
    for (Class<?> nested : cls.getDeclaredClasses()) {
      addWithTestSuperclasses(nested);
    }
    return this;
  }

  private void addWithTestSuperclasses(Class<?> cls) {
    classes.add(cls);
    for (Class<?> c = cls.getSuperclass(); c != null && c.getPackageName().equals(getClass().getPackageName());
        c = c.getSuperclass()) {
      if (!classes.contains(c)) {
        classes.add(c);
      }
    }
  }

  /** Adds a class file without listing it (e.g. a bundled copy of a shared class). */
  public TestPluginJar bundle(Class<?> cls) {
    classes.add(cls);
    return this;
  }

  public Path writeTo(Path folder) throws IOException {
    Files.createDirectories(folder);
    Path jar = folder.resolve(id + ".jar");
    Manifest mf = new Manifest();
    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.forEach((k, v) -> mf.getMainAttributes().putValue(k, v));
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, mf)) {
      for (Class<?> cls : classes) {
        String entry = cls.getName().replace('.', '/') + ".class";
        jos.putNextEntry(new JarEntry(entry));
        try (InputStream in = cls.getClassLoader().getResourceAsStream(entry)) {
          in.transferTo(jos);
        }
        jos.closeEntry();
      }
      jos.putNextEntry(new JarEntry("META-INF/extensions.idx"));
      StringBuilder idx = new StringBuilder();
      extensions.forEach(e -> idx.append(e.getName()).append('\n'));
      jos.write(idx.toString().getBytes(StandardCharsets.UTF_8));
      jos.closeEntry();
    }
    return jar;
  }
}
