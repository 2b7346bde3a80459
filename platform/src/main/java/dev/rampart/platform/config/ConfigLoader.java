package dev.rampart.platform.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads and validates {@code rampart.yaml} and every tenant file against the JSON Schemas in
 * {@code rampart-contracts} ({@code dev/rampart/contracts/schemas/}), and reports every problem at
 * once.
 *
 * <p>Order of work for each file: YAML parse; {@code ${env:NAME}} / {@code ${env:NAME:-default}}
 * references in string values are resolved (an unset variable without default is a problem);
 * schema validation; defaults; checks the schema cannot express (HS256 secret length, JWT keys,
 * tenant id equals the file name stem, unique key ids, no tenant id or key hash used twice).
 *
 * <p>Tenant files are checked once {@code rampart.yaml} matches its schema, since they need its
 * {@code tenants-dir} and limits.
 *
 * <p>Environment overrides of {@code rampart.yaml}, so two instances can run side by side:
 * {@code RAMPART_HTTP_HOST}, {@code RAMPART_HTTP_PORT}, {@code RAMPART_BRIDGE_PORT},
 * {@code RAMPART_DATA_DIR}, {@code RAMPART_TENANTS_DIR}, and {@code RAMPART_PLUGINS_DIR} (put in
 * front of {@code plugins.folders}). Empty values are ignored.
 *
 * <p>Relative paths in the file and in overrides resolve against the process's working directory,
 * not the file's folder; the records hold absolute paths. The one exception is the default
 * tenants folder: {@code tenants} beside {@code rampart.yaml}.
 *
 * <p>Threading: blocking file I/O, no Vert.x needed. Call it before Vert.x starts, or from a worker
 * ({@code vertx.executeBlocking}) — never on an event loop.
 */
public final class ConfigLoader {

  private ConfigLoader() {}

  /** Same as {@link #load(Path, Map)} with the process environment. */
  public static LoadedConfig load(Path platformFile) {
    return load(platformFile, System.getenv());
  }

  /**
   * @param platformFile {@code rampart.yaml}
   * @param env the environment to resolve references and overrides from
   * @throws ConfigException listing every problem, each {@code file:json-path: message}
   */
  public static LoadedConfig load(Path platformFile, Map<String, String> env) {
    var problems = new ArrayList<String>();
    var platform = PlatformFileReader.read(platformFile, env, problems);
    if (platform.isEmpty()) {
      throw new ConfigException(problems);
    }
    PlatformConfig config = platform.get().config();
    List<TenantFile> files = readTenants(config, env, problems);
    TenantSet set = TenantSet.combine(files, Map.of());
    problems.addAll(set.allProblems());
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    List<TenantConfig> tenants = set.live().values().stream()
        .sorted(Comparator.comparing(TenantConfig::source))
        .toList();
    return new LoadedConfig(config, tenants, platform.get().tenantsReloadMs());
  }

  /** Reads every tenant file of the platform's tenant folder, each on its own. */
  static List<TenantFile> readTenants(PlatformConfig platform, Map<String, String> env, List<String> problems) {
    Path folder = platform.tenantsDir();
    List<Path> paths;
    try {
      paths = TenantSet.files(folder);
    } catch (IOException e) {
      problems.add(ConfigFiles.label(folder) + ": tenant folder cannot be read (" + e.getMessage() + ")"
          + " — set tenants-dir or RAMPART_TENANTS_DIR");
      return List.of();
    }
    var files = new ArrayList<TenantFile>();
    for (Path path : paths) {
      try {
        files.add(TenantFile.read(path, Files.readAllBytes(path), env, platform));
      } catch (IOException e) {
        files.add(TenantFile.unreadable(path, e));
      }
    }
    return files;
  }
}
