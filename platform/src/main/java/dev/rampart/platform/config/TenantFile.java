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

  static TenantFile read(Path file, byte[] content, Map<String, String> env, PlatformConfig.Limits defaults) {
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
    if (!problems.isEmpty()) {
      return invalid(file, id, problems);
    }
    JsonObject limits = defaults.values().copy().mergeIn(doc.getJsonObject("limits"));
    JsonObject settings = new JsonObject().put("llm", doc.getJsonObject("llm")).put("guard", doc.getJsonObject("guard"));
    var config = new TenantConfig(id, doc.getString("name"), keys, limits,
        limits.getLong("conversation-ttl-hours"), settings, file);
    return new TenantFile(file, id, Optional.of(config), List.of());
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
