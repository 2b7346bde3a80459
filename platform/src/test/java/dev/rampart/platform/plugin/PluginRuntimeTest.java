package dev.rampart.platform.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.contracts.guard.PiiDetector;
import dev.rampart.platform.testplugins.TestDetector;
import dev.rampart.platform.testplugins.TestPluginJar;
import dev.rampart.platform.testplugins.ThrowingPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRuntimeTest {

  static final Path BUNDLED = Path.of(System.getProperty("rampart.test.plugin-folder", "../target/plugins"));

  @TempDir Path folder;

  private static Map<String, PluginReport> byId(PluginRuntime runtime) {
    return runtime.reports().stream().collect(Collectors.toMap(PluginReport::id, Function.identity()));
  }

  @Test
  void loadsBundledPluginsAndIndexesTheirExtensionTypes() {
    PluginRuntime runtime = PluginRuntime.load(List.of(BUNDLED), "0.1.0");
    Map<String, PluginReport> reports = byId(runtime);
    assertEquals("started", reports.get("persistence-embedded").state());
    assertEquals("started", reports.get("persistence-memory").state());
    assertTrue(runtime.source(ExtensionKind.PERSISTENCE, "embedded").isPresent());
    assertTrue(runtime.source(ExtensionKind.PERSISTENCE, "memory").isPresent());
    runtime.stop();
  }

  @Test
  void refusesAnIncompatiblePluginNamingBothVersions() throws Exception {
    TestPluginJar.plugin("from-the-future").requires(">=9.0.0").extension(TestDetector.class).writeTo(folder);
    PluginRuntime runtime = PluginRuntime.load(List.of(folder), "0.1.0");
    PluginReport report = byId(runtime).get("from-the-future");
    assertEquals("failed", report.state());
    String why = report.failure().orElseThrow();
    assertTrue(why.contains("requires Rampart >=9.0.0") && why.contains("this is Rampart 0.1.0"), why);
    assertTrue(runtime.source(ExtensionKind.PII_DETECTOR, "test-detector").isEmpty());
  }

  @Test
  void reportsACorruptJarAndStillLoadsTheOthers() throws Exception {
    Files.write(folder.resolve("broken.jar"), new byte[] {1, 2, 3, 4, 5});
    TestPluginJar.plugin("good").extension(TestDetector.class).writeTo(folder);
    PluginRuntime runtime = PluginRuntime.load(List.of(folder), "0.1.0");
    Map<String, PluginReport> reports = byId(runtime);
    assertEquals("failed", reports.get("broken.jar").state());
    assertTrue(reports.get("broken.jar").failure().orElseThrow().startsWith("unreadable plugin jar"));
    assertEquals("started", reports.get("good").state());
    assertTrue(runtime.source(ExtensionKind.PII_DETECTOR, "test-detector").isPresent());
  }

  @Test
  void reportsAPluginWhoseStartThrows() throws Exception {
    TestPluginJar.plugin("thrower").pluginClass(ThrowingPlugin.class).extension(TestDetector.class).writeTo(folder);
    PluginRuntime runtime = PluginRuntime.load(List.of(folder), "0.1.0");
    PluginReport report = byId(runtime).get("thrower");
    assertEquals("failed", report.state());
    assertTrue(report.failure().orElseThrow().contains("boom at start"), report.failure().orElseThrow());
    assertTrue(runtime.source(ExtensionKind.PII_DETECTOR, "test-detector").isEmpty());
  }

  @Test
  void sharedPackagesComeFromThePlatformEvenWhenAPluginBundlesThem() throws Exception {
    TestPluginJar.plugin("bundler").extension(TestDetector.class).bundle(PiiDetector.class).writeTo(folder);
    PluginRuntime runtime = PluginRuntime.load(List.of(folder), "0.1.0");
    PluginRuntime.ExtensionSource source = runtime.source(ExtensionKind.PII_DETECTOR, "test-detector").orElseThrow();
    Object instance = runtime.newInstance(source);
    assertInstanceOf(PiiDetector.class, instance);
    // loaded plugin-first: the plugin's own copy, not the test class path's
    assertTrue(instance.getClass().getClassLoader() instanceof SharedFirstClassLoader);
  }

  @Test
  void ignoresSubfoldersSoTheSourceTreePluginsFolderCanBeScanned() throws Exception {
    Files.createDirectories(folder.resolve("some-module/src"));
    Files.writeString(folder.resolve("some-module/pom.xml"), "<project/>");
    PluginRuntime runtime = PluginRuntime.load(List.of(folder), "0.1.0");
    assertEquals(List.of(), runtime.reports());
  }
}
