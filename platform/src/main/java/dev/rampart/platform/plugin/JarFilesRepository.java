package dev.rampart.platform.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.pf4j.PluginRepository;

/**
 * The {@code *.jar} files directly inside the plugin folders, in name order. Sub-folders are
 * ignored on purpose: the top-level {@code plugins/} folder also holds the bundled plugins'
 * source modules.
 */
final class JarFilesRepository implements PluginRepository {

  private final Supplier<List<Path>> roots;

  JarFilesRepository(List<Path> roots) {
    this.roots = () -> roots;
  }

  @Override
  public List<Path> getPluginPaths() {
    List<Path> jars = new ArrayList<>();
    for (Path root : roots.get()) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.list(root)) {
        files
            .filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar"))
            .sorted()
            .forEach(jars::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list plugin folder " + root, e);
      }
    }
    return jars;
  }

  @Override
  public boolean deletePluginPath(Path pluginPath) {
    return false;
  }
}
