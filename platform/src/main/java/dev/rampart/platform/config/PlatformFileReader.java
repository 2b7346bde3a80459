package dev.rampart.platform.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** Reads {@code rampart.yaml}: parse, env references, env overrides, schema, defaults, records. */
final class PlatformFileReader {

  /** Kinds of named extension instances, as keyed in the file and in {@link PlatformConfig#extensions()}. */
  static final List<String> EXTENSION_KINDS = List.of("providers", "router-policies", "detectors", "check-runners");

  /** What the file yields besides the fixed {@link PlatformConfig} record. */
  record Result(PlatformConfig config, long tenantsReloadMs) {}

  private PlatformFileReader() {}

  /**
   * @return the config once the file matches its schema (further problems, such as a short HS256
   *     secret, may still have been added); empty when it cannot be built at all
   */
  static Optional<Result> read(Path file, Map<String, String> env, List<String> problems) {
    String label = ConfigFiles.label(file);
    Object document;
    try {
      document = YamlDocument.parse(label, ConfigFiles.utf8(Files.readAllBytes(file)));
    } catch (IOException e) {
      problems.add(ConfigFiles.unreadable(file, e));
      return Optional.empty();
    } catch (ConfigException e) {
      problems.addAll(e.problems());
      return Optional.empty();
    }
    Object root = document == null ? new JsonObject() : document;
    EnvReferences.resolve(root, "$", label, env, problems);
    List<Consumer<JsonObject>> overrides = overrides(env, problems);
    List<String> schemaProblems = SchemaCheck.PLATFORM.validate(root, label);
    problems.addAll(schemaProblems);
    if (!schemaProblems.isEmpty()) {
      return Optional.empty();
    }
    JsonObject doc = (JsonObject) root;
    SchemaCheck.PLATFORM.applyDefaults(doc);
    overrides.forEach(o -> o.accept(doc));
    PlatformConfig config = build(doc, file);
    JwtKeys.check(config.auth(), label, problems);
    return Optional.of(new Result(config, doc.getLong("tenants-reload-ms")));
  }

  /**
   * Environment overrides, so two instances can run side by side from one file. Parsed now (so
   * their problems are reported with the rest), applied to the file once its defaults are in.
   */
  private static List<Consumer<JsonObject>> overrides(Map<String, String> env, List<String> problems) {
    var out = new ArrayList<Consumer<JsonObject>>();
    override(env, "RAMPART_HTTP_HOST", problems, v -> v, v -> out.add(d -> d.getJsonObject("server").put("host", v)));
    override(env, "RAMPART_HTTP_PORT", problems, PlatformFileReader::port,
        v -> out.add(d -> d.getJsonObject("server").put("port", v)));
    override(env, "RAMPART_BRIDGE_PORT", problems, PlatformFileReader::port,
        v -> out.add(d -> d.getJsonObject("event-bus-bridge").put("port", v)));
    override(env, "RAMPART_DATA_DIR", problems, v -> v, v -> out.add(d -> d.put("data-dir", v)));
    override(env, "RAMPART_TENANTS_DIR", problems, v -> v, v -> out.add(d -> d.put("tenants-dir", v)));
    override(env, "RAMPART_PLUGINS_DIR", problems, v -> v, v -> out.add(d -> {
      JsonObject plugins = d.getJsonObject("plugins");
      plugins.put("folders", new JsonArray().add(v).addAll(plugins.getJsonArray("folders")));
    }));
    return out;
  }

  private static <T> void override(Map<String, String> env, String name, List<String> problems,
      Function<String, T> parse, Consumer<T> apply) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return;
    }
    try {
      apply.accept(parse.apply(raw.trim()));
    } catch (IllegalArgumentException e) {
      problems.add(name + " (environment): " + e.getMessage()); // never the value itself
    }
  }

  private static Integer port(String raw) {
    try {
      int port = Integer.parseInt(raw);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException("must be a port number from 0 to 65535");
  }

  private static PlatformConfig build(JsonObject doc, Path file) {
    JsonObject server = doc.getJsonObject("server");
    JsonObject jwt = doc.getJsonObject("auth").getJsonObject("jwt");
    JsonObject plugins = doc.getJsonObject("plugins");
    JsonObject persistence = doc.getJsonObject("persistence");
    JsonObject bridge = doc.getJsonObject("event-bus-bridge");
    JsonObject limits = doc.getJsonObject("limits");
    JsonObject guard = doc.getJsonObject("guard");
    long callTimeoutMs = plugins.getLong("call-timeout-ms");

    Map<String, Map<String, PlatformConfig.Instance>> extensions = new LinkedHashMap<>();
    for (String kind : EXTENSION_KINDS) {
      Map<String, PlatformConfig.Instance> named = new LinkedHashMap<>();
      doc.getJsonObject(kind).forEach(e -> {
        JsonObject instance = (JsonObject) e.getValue();
        named.put(e.getKey(), instance(instance.getString("plugin"), instance, callTimeoutMs));
      });
      extensions.put(kind, Collections.unmodifiableMap(named));
    }
    Path tenantsDir = doc.containsKey("tenants-dir")
        ? ConfigFiles.absolute(doc.getString("tenants-dir"))
        : file.toAbsolutePath().normalize().resolveSibling("tenants");

    return new PlatformConfig(
        new PlatformConfig.Server(server.getString("host"), server.getInteger("port"),
            server.getLong("body-limit-bytes"), server.getInteger("instances")),
        ConfigFiles.absolute(doc.getString("data-dir")),
        new PlatformConfig.Auth(jwt.getString("algorithm"), jwt.getString("secret", ""),
            jwt.getString("public-key", ""), jwt.getString("private-key", ""),
            jwt.getString("issuer"), jwt.getInteger("token-ttl-seconds")),
        new PlatformConfig.Plugins(paths(plugins.getJsonArray("folders")),
            strings(plugins.getJsonArray("required")), callTimeoutMs),
        instance(persistence.getString("use"), persistence, callTimeoutMs),
        new PlatformConfig.Bridge(bridge.getBoolean("enabled"), bridge.getString("host"),
            bridge.getInteger("port"), strings(bridge.getJsonArray("inbound")), strings(bridge.getJsonArray("outbound"))),
        new PlatformConfig.Limits(limits.getLong("conversation-ttl-hours"), limits.copy()),
        tenantsDir,
        Collections.unmodifiableMap(extensions),
        new PlatformConfig.Guard(guard.getInteger("max-text-chars"), guard.getLong("scan-deadline-ms"),
            guard.getInteger("max-hold-back-chars"), guard.getString("hash-secret", ""), guard.getInteger("log-max-chars")),
        doc.getJsonObject("llm").copy());
  }

  private static PlatformConfig.Instance instance(String type, JsonObject instance, long defaultTimeoutMs) {
    return new PlatformConfig.Instance(type, instance.getJsonObject("settings").copy(),
        instance.getLong("call-timeout-ms", defaultTimeoutMs));
  }

  private static List<String> strings(JsonArray array) {
    var out = new ArrayList<String>();
    array.forEach(v -> out.add((String) v));
    return List.copyOf(out);
  }

  private static List<Path> paths(JsonArray array) {
    return strings(array).stream().map(ConfigFiles::absolute).toList();
  }
}
