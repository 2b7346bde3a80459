package dev.rampart.platform.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Combines tenant files into one consistent set: no two tenants share an id, no key hash belongs
 * to two tenants. Used at boot (no previous set) and on every reload, where a file that is
 * invalid, or would clash with another, keeps its last good config.
 *
 * @param live the config in force for each file
 * @param problems each file's problems, empty when its current content is in force
 */
record TenantSet(Map<Path, TenantConfig> live, Map<Path, List<String>> problems) {

  /** Tenant files in a folder: {@code *.yaml} and {@code *.yml}, hidden files skipped, sorted by name. */
  static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries
          .filter(p -> {
            String name = p.getFileName().toString();
            return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
          })
          .filter(Files::isRegularFile)
          .map(p -> p.toAbsolutePath().normalize())
          .sorted()
          .toList();
    }
  }

  /**
   * @param files each file read on its own, sorted by path (earlier files win clashes)
   * @param lastGood configs in force before, by file; empty at boot
   */
  static TenantSet combine(List<TenantFile> files, Map<Path, TenantConfig> lastGood) {
    var live = new LinkedHashMap<Path, TenantConfig>();
    var problems = new LinkedHashMap<Path, List<String>>();
    var owners = new Owners();
    // Configs kept from before go first: they were consistent with each other already.
    for (TenantFile file : files) {
      problems.put(file.file(), new ArrayList<>(file.problems()));
      TenantConfig kept = lastGood.get(file.file());
      if (file.config().isEmpty() && kept != null && owners.clashes(kept).isEmpty()) {
        owners.add(kept);
        live.put(file.file(), kept);
      }
    }
    for (TenantFile file : files) {
      Optional<TenantConfig> fresh = file.config();
      if (fresh.isEmpty()) {
        continue;
      }
      List<String> clashes = owners.clashes(fresh.get());
      if (clashes.isEmpty()) {
        owners.add(fresh.get());
        live.put(file.file(), fresh.get());
        continue;
      }
      problems.get(file.file()).addAll(clashes);
      TenantConfig kept = lastGood.get(file.file());
      if (kept != null && owners.clashes(kept).isEmpty()) {
        owners.add(kept);
        live.put(file.file(), kept);
      }
    }
    var frozen = new LinkedHashMap<Path, List<String>>();
    problems.forEach((file, list) -> frozen.put(file, List.copyOf(list)));
    return new TenantSet(Map.copyOf(live), frozen);
  }

  /** Every problem of every file, in file order. */
  List<String> allProblems() {
    return problems.values().stream().flatMap(List::stream).toList();
  }

  /** Which file holds each tenant id and key hash so far. */
  private static final class Owners {
    private final Map<String, TenantConfig> byId = new HashMap<>();
    private final Map<String, String> byHash = new HashMap<>();

    List<String> clashes(TenantConfig config) {
      var out = new ArrayList<String>();
      String label = ConfigFiles.label(config.source());
      TenantConfig sameId = byId.get(config.id());
      if (sameId != null) {
        out.add(label + ":$.id: tenant id '" + config.id() + "' is also used by " + ConfigFiles.label(sameId.source()));
      }
      for (int i = 0; i < config.apiKeys().size(); i++) {
        String other = byHash.get(config.apiKeys().get(i).sha256());
        if (other != null) {
          out.add(label + ":$.api-keys[" + i + "].sha256: the same key is also configured for " + other);
        }
      }
      return out;
    }

    void add(TenantConfig config) {
      byId.put(config.id(), config);
      config.apiKeys().forEach(k -> byHash.put(k.sha256(), "tenant '" + config.id() + "' in " + ConfigFiles.label(config.source())));
    }
  }
}
