package dev.rampart.platform.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One tenant file read on its own: either a config or the problems that keep it out. Checks that
 * span files (duplicate ids, the same key in two tenants) are {@link TenantSet}'s.
 *
 * @param file absolute path
 * @param tenantId the id the file declares, or its name stem when it declares none
 * @param config present when the file is valid on its own
 * @param problems empty when the file is valid on its own
 */
record TenantFile(Path file, String tenantId, Optional<TenantConfig> config, List<String> problems) {

  /**
   * Reads one tenant file against the platform config it runs under: its limits are the defaults,
   * and the extension instances it names (detectors, providers, router) must be configured there.
   */
  static TenantFile read(Path file, byte[] content, Map<String, String> env, PlatformConfig platform) {
    String label = ConfigFiles.label(file);
    String stem = stem(file);
    Object root;
    try {
      root = YamlDocument.parse(label, ConfigFiles.utf8(content));
    } catch (ConfigException e) {
      return invalid(file, stem, e.problems());
    }
    if (root == null) {
      root = new JsonObject();
    }
    var problems = new ArrayList<String>();
    EnvReferences.resolve(root, "$", label, env, problems);
    problems.addAll(SchemaCheck.TENANT.validate(root, label));
    String id = root instanceof JsonObject o && o.getValue("id") instanceof String s ? s : stem;
    if (!id.equals(stem)) {
      problems.add(label + ":$.id: must equal the file name stem '" + stem + "'");
    }
    if (!problems.isEmpty()) {
      return invalid(file, id, problems);
    }
    JsonObject doc = (JsonObject) root;
    SchemaCheck.TENANT.applyDefaults(doc);
    List<TenantConfig.ApiKey> keys = apiKeys(doc.getJsonArray("api-keys"), label, problems);
    checkReferences(doc, platform, label, problems);
    if (!problems.isEmpty()) {
      return invalid(file, id, problems);
    }
    JsonObject limits = platform.limits().values().copy().mergeIn(doc.getJsonObject("limits"));
    JsonObject settings = new JsonObject().put("llm", doc.getJsonObject("llm")).put("guard", doc.getJsonObject("guard"));
    var config = new TenantConfig(id, doc.getString("name"), keys, limits,
        limits.getLong("conversation-ttl-hours"), settings, file);
    return new TenantFile(file, id, Optional.of(config), List.of());
  }

  /**
   * Names of extension instances must be ones the platform config defines: a typo would
   * otherwise surface only when the first request needs the instance.
   */
  private static void checkReferences(JsonObject doc, PlatformConfig platform, String label, List<String> problems) {
    JsonObject guard = doc.getJsonObject("guard");
    if (guard != null) {
      checkNames(guard.getJsonArray("detectors"), "$.guard.detectors", "detector", "detectors", platform, label, problems);
    }
    JsonObject llm = doc.getJsonObject("llm");
    if (llm != null) {
      checkNames(llm.getJsonArray("providers"), "$.llm.providers", "provider", "providers", platform, label, problems);
      if (llm.getValue("router") instanceof String router) {
        checkNames(new JsonArray().add(router), null, "router policy", "router-policies", platform, label, problems);
      }
    }
  }

  /** Adds a problem for each of {@code names} (at {@code path}, or at {@code $.llm.router} when null) not configured. */
  private static void checkNames(JsonArray names, String path, String what, String kind, PlatformConfig platform,
      String label, List<String> problems) {
    if (names == null) {
      return;
    }
    Map<String, PlatformConfig.Instance> configured = platform.extensions().getOrDefault(kind, Map.of());
    for (int i = 0; i < names.size(); i++) {
      if (names.getValue(i) instanceof String name && !configured.containsKey(name)) {
        String at = path == null ? "$.llm.router" : path + "[" + i + "]";
        problems.add(label + ":" + at + ": unknown " + what + " '" + name + "'; rampart.yaml " + kind + ": "
            + (configured.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(configured.keySet()))));
      }
    }
  }

  static TenantFile unreadable(Path file, IOException e) {
    return invalid(file, stem(file), List.of(ConfigFiles.unreadable(file, e)));
  }

  private static TenantFile invalid(Path file, String id, List<String> problems) {
    return new TenantFile(file, id, Optional.empty(), List.copyOf(problems));
  }

  private static List<TenantConfig.ApiKey> apiKeys(JsonArray array, String label, List<String> problems) {
    var keys = new ArrayList<TenantConfig.ApiKey>();
    Map<String, Integer> ids = new HashMap<>();
    Map<String, Integer> hashes = new HashMap<>();
    for (int i = 0; i < array.size(); i++) {
      JsonObject key = array.getJsonObject(i);
      String at = label + ":" + JsonPaths.child("$.api-keys", i);
      Integer sameId = ids.putIfAbsent(key.getString("id"), i);
      if (sameId != null) {
        problems.add(at + ".id: duplicate key id '" + key.getString("id") + "' (also $.api-keys[" + sameId + "])");
      }
      Integer sameHash = hashes.putIfAbsent(key.getString("sha256"), i);
      if (sameHash != null) {
        problems.add(at + ".sha256: the same key as $.api-keys[" + sameHash + "]");
      }
      var roles = new LinkedHashSet<String>();
      key.getJsonArray("roles").forEach(r -> roles.add((String) r));
      keys.add(new TenantConfig.ApiKey(key.getString("id"), key.getString("sha256"),
          Collections.unmodifiableSet(roles), key.getBoolean("revoked")));
    }
    return List.copyOf(keys);
  }

  static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
