package dev.rampart.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;
  private ConfigFixture fixture;

  @BeforeEach
  void writeMinimalConfig() {
    fixture = new ConfigFixture(dir);
  }

  private static Path repoRoot() {
    return Path.of(System.getProperty("rampart.test.repo-root", "..")).toAbsolutePath().normalize();
  }

  private ConfigFixture fixture() {
    return fixture;
  }

  private static List<String> problems(Path file, Map<String, String> env) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, env)).problems();
  }

  private String label(String relative) {
    return ConfigFiles.label(dir.resolve(relative));
  }

  @Test
  void shippedExampleConfigLoadsWithEmbeddedDefaults() {
    Path root = repoRoot();
    LoadedConfig loaded = ConfigLoader.load(root.resolve("config/rampart.yaml"), Map.of());

    PlatformConfig platform = loaded.platform();
    assertEquals(8080, platform.server().port());
    assertEquals("embedded", platform.persistence().type());
    assertEquals(List.of("persistence-embedded", "pii-patterns", "llm-offline", "router-rules"), platform.plugins().required());
    assertEquals("HS256", platform.auth().algorithm());
    assertEquals("dev-only-secret-change-me-0123456789abcdef", platform.auth().secret());
    assertEquals(false, platform.bridge().enabled());
    assertEquals(root.resolve("config/tenants"), platform.tenantsDir());
    assertEquals(Set.of("providers", "router-policies", "detectors", "check-runners"), platform.extensions().keySet());
    assertEquals(2000, loaded.tenantsReloadMs());

    assertEquals(List.of("acme", "globex"), loaded.tenants().stream().map(TenantConfig::id).toList());
    TenantConfig acme = loaded.tenant("acme").orElseThrow();
    assertEquals(ConfigFixture.sha256("rk_dev_acme_0123456789abcdef"), acme.apiKeys().get(0).sha256());
    assertEquals(Set.of("admin", "operator", "agent"), acme.apiKeys().get(0).roles());
    TenantConfig globex = loaded.tenant("globex").orElseThrow();
    assertEquals(ConfigFixture.sha256("rk_dev_globex_0123456789abcdef"), globex.apiKeys().get(0).sha256());
    assertEquals(Set.of("agent"), globex.apiKeys().get(0).roles());
    assertEquals(720, globex.conversationTtlHours());
  }

  @Test
  void minimalPlatformFileGetsSchemaDefaults() {
    PlatformConfig platform = ConfigLoader.load(fixture().platformFile, Map.of()).platform();

    assertEquals(new PlatformConfig.Server("0.0.0.0", 8080, 1048576, 0), platform.server());
    assertEquals(Path.of("data").toAbsolutePath(), platform.dataDir());
    assertEquals(dir.resolve("tenants"), platform.tenantsDir());
    assertEquals(5000, platform.persistence().callTimeoutMs());
    assertEquals(List.of(Path.of("target/plugins").toAbsolutePath(), Path.of("plugins").toAbsolutePath()),
        platform.plugins().folders());
    assertEquals(900, platform.auth().tokenTtlSeconds());
    assertEquals(720, platform.limits().conversationTtlHours());
    assertEquals(50, platform.limits().values().getInteger("requests-per-second"));
    assertEquals(7000, platform.bridge().port());
  }

  @Test
  void everySchemaProblemOfThePlatformFileIsReportedAtOnceWithItsJsonPath() {
    fixture().platform("""
        sever: { port: 1 }
        server: { port: "eighty", instances: -1 }
        auth: { jwt: { algorithm: HS512, secret: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx } }
        providers:
          openai: { settings: {} }
          Bad_Name: { plugin: x }
        """);

    List<String> problems = problems(fixture().platformFile, Map.of());

    String file = label("rampart.yaml");
    assertEquals(List.of(
        file + ":$.sever: unknown key (expected one of: auth, check-runners, data-dir, detectors, event-bus-bridge,"
            + " guard, limits, llm, persistence, plugins, providers, router-policies, server, tenants-dir, tenants-reload-ms)",
        file + ":$.server.port: must be an integer",
        file + ":$.server.instances: must be at least 0",
        file + ":$.auth.jwt.algorithm: must be one of: HS256, RS256, ES256",
        file + ":$.providers.Bad_Name: name must match ^[a-z0-9][a-z0-9-]{0,62}$",
        file + ":$.providers.openai.plugin: is required").stream().sorted().toList(),
        problems.stream().sorted().toList());
  }

  @Test
  void tenantProblemsAcrossFilesAreReportedTogetherWithThePlatformOnes() {
    String hash = ConfigFixture.sha256("shared-key");
    ConfigFixture config = fixture()
        .platform("auth: { jwt: { secret: too-short } }\n")
        .tenant("acme.yaml", """
            id: acme
            api-keys:
              - { id: dev, sha256: ABC, roles: [agent], revokd: true }
            limits: { burst: many }
            """)
        .tenant("wrong.yaml", "id: other\nname: Other\napi-keys: [{ id: k, sha256: " + hash + ", roles: [agent] }]\n")
        .tenant("one.yaml", "id: one\nname: One\napi-keys: [{ id: k, sha256: " + hash + ", roles: [agent] }]\n")
        .tenant("two.yaml", "id: two\nname: Two\napi-keys:\n"
            + "  - { id: a, sha256: " + hash + ", roles: [agent] }\n"
            + "  - { id: a, sha256: " + ConfigFixture.sha256("b") + ", roles: [boss] }\n")
        .tenant("broken.yaml", "id: broken\nname: [unclosed\n");

    List<String> problems = problems(config.platformFile, Map.of());

    assertEquals(List.of(
        label("rampart.yaml") + ":$.auth.jwt.secret: must be at least 32 bytes long for HS256",
        label("tenants/acme.yaml") + ":$.name: is required",
        label("tenants/acme.yaml") + ":$.api-keys[0].sha256: must match ^[0-9a-f]{64}$",
        label("tenants/acme.yaml") + ":$.api-keys[0].revokd: unknown key (expected one of: id, revoked, roles, sha256)",
        label("tenants/acme.yaml") + ":$.limits.burst: must be an integer",
        label("tenants/broken.yaml") + ": line 3, column 1: expected ',' or ']', but got <stream end>",
        label("tenants/two.yaml") + ":$.api-keys[1].roles[0]: must be one of: admin, operator, agent",
        label("tenants/wrong.yaml") + ":$.id: must equal the file name stem 'wrong'").stream().sorted().toList(),
        problems.stream().sorted().toList());
  }

  @Test
  void duplicateKeyIdsTenantIdsAndKeyHashesAreProblems() {
    ConfigFixture config = fixture()
        .tenantWithKey("acme", "acme-key", false)
        .tenant("acme.yml", "id: acme\nname: A2\napi-keys: [{ id: x, sha256: " + ConfigFixture.sha256("3") + ", roles: [agent] }]\n")
        .tenant("beta.yaml", "id: beta\nname: B\napi-keys:\n"
            + "  - { id: a, sha256: " + ConfigFixture.sha256("1") + ", roles: [agent] }\n"
            + "  - { id: a, sha256: " + ConfigFixture.sha256("2") + ", roles: [agent] }\n")
        .tenant("gamma.yaml", "id: gamma\nname: G\napi-keys:\n"
            + "  - { id: a, sha256: " + ConfigFixture.sha256("4") + ", roles: [agent] }\n"
            + "  - { id: b, sha256: " + ConfigFixture.sha256("acme-key") + ", roles: [agent] }\n");

    List<String> problems = problems(config.platformFile, Map.of());

    assertEquals(List.of(
        label("tenants/acme.yml") + ":$.id: tenant id 'acme' is also used by " + label("tenants/acme.yaml"),
        label("tenants/beta.yaml") + ":$.api-keys[1].id: duplicate key id 'a' (also $.api-keys[0])",
        label("tenants/gamma.yaml") + ":$.api-keys[1].sha256: the same key is also configured for tenant 'acme' in "
            + label("tenants/acme.yaml")),
        problems);
  }

  @Test
  void yamlSyntaxErrorIsReportedWithLineAndColumn() {
    fixture().platform("server:\n  port: 8080\n   host: x\n");

    List<String> problems = problems(fixture().platformFile, Map.of());

    assertEquals(1, problems.size());
    assertTrue(problems.get(0).startsWith(label("rampart.yaml") + ": line 3, column "), problems.get(0));
  }

  @Test
  void envReferencesAreResolvedWithDefaultsAndUnsetOnesAreProblems() {
    fixture().platform("""
        data-dir: "${env:DATA:-/var/lib/rampart}"
        server: { host: "${env:HOST}" }
        auth: { jwt: { secret: "${env:SECRET}", issuer: "${env:MISSING}-$${env:LITERAL}" } }
        """);

    LoadedConfig loaded = ConfigLoader.load(fixture().platformFile,
        Map.of("HOST", "127.0.0.2", "SECRET", ConfigFixture.SECRET, "MISSING", "x"));
    assertEquals(Path.of("/var/lib/rampart"), loaded.platform().dataDir());
    assertEquals("127.0.0.2", loaded.platform().server().host());
    assertEquals(ConfigFixture.SECRET, loaded.platform().auth().secret());
    assertEquals("x-${env:LITERAL}", loaded.platform().auth().issuer());

    List<String> problems = problems(fixture().platformFile, Map.of("HOST", "h", "SECRET", ConfigFixture.SECRET));
    assertEquals(List.of(label("rampart.yaml") + ":$.auth.jwt.issuer: environment variable MISSING is not set"), problems);
  }

  @Test
  void environmentOverridesLetTwoInstancesShareOneFile() {
    Path other = dir.resolve("other-tenants");
    LoadedConfig loaded = ConfigLoader.load(fixture().platformFile, Map.of(
        "RAMPART_HTTP_PORT", "9090", "RAMPART_HTTP_HOST", "127.0.0.1", "RAMPART_DATA_DIR", "/tmp/node-2",
        "RAMPART_BRIDGE_PORT", "7001", "RAMPART_TENANTS_DIR", dir.resolve("tenants").toString(),
        "RAMPART_PLUGINS_DIR", "/opt/extra-plugins"));

    PlatformConfig platform = loaded.platform();
    assertEquals(9090, platform.server().port());
    assertEquals("127.0.0.1", platform.server().host());
    assertEquals(Path.of("/tmp/node-2"), platform.dataDir());
    assertEquals(7001, platform.bridge().port());
    assertEquals(dir.resolve("tenants"), platform.tenantsDir());
    assertEquals(Path.of("/opt/extra-plugins"), platform.plugins().folders().get(0));
    assertEquals(3, platform.plugins().folders().size());

    List<String> problems = problems(fixture().platformFile,
        Map.of("RAMPART_HTTP_PORT", "http", "RAMPART_TENANTS_DIR", other.toString()));
    assertEquals(2, problems.size(), problems.toString());
    assertEquals("RAMPART_HTTP_PORT (environment): must be a port number from 0 to 65535", problems.get(0));
    assertTrue(problems.get(1).startsWith(ConfigFiles.label(other) + ": tenant folder cannot be read"), problems.get(1));
  }

  @Test
  void tenantLimitsOverrideThePlatformDefaultsKeyByKey() {
    ConfigFixture config = fixture()
        .platform("auth: { jwt: { secret: " + ConfigFixture.SECRET + " } }\nlimits: { burst: 7 }\n"
            + "router-policies: { default: { plugin: router-rules } }\n")
        .tenant("acme.yaml", acmeWith("limits: { conversation-ttl-hours: 0, in-flight: 3 }\nllm: { router: default }\n"));

    TenantConfig acme = ConfigLoader.load(config.platformFile, Map.of()).tenant("acme").orElseThrow();

    assertEquals(0, acme.conversationTtlHours());
    assertEquals(3, acme.limits().getInteger("in-flight"));
    assertEquals(7, acme.limits().getInteger("burst"));
    assertEquals(50, acme.limits().getInteger("requests-per-second"));
    assertEquals("default", acme.settings().getJsonObject("llm").getString("router"));
    assertEquals(false, acme.apiKeys().get(0).revoked());
  }

  @Test
  void aTenantNamingAnInstanceThePlatformDoesNotConfigureIsAProblem() {
    ConfigFixture config = fixture()
        .platform("auth: { jwt: { secret: " + ConfigFixture.SECRET + " } }\n"
            + "detectors: { patterns: { plugin: pii-patterns } }\nproviders: { offline: { plugin: llm-offline } }\n")
        .tenant("acme.yaml", acmeWith("guard: { detectors: [patterns, paterns] }\n"
            + "llm: { providers: [offline, openai], router: smart }\n"));

    assertEquals(List.of(
        label("tenants/acme.yaml") + ":$.guard.detectors[1]: unknown detector 'paterns'; rampart.yaml detectors: patterns",
        label("tenants/acme.yaml") + ":$.llm.providers[1]: unknown provider 'openai'; rampart.yaml providers: offline",
        label("tenants/acme.yaml") + ":$.llm.router: unknown router policy 'smart'; rampart.yaml router-policies: none"),
        problems(config.platformFile, Map.of()));
  }

  /** A valid tenant file for acme with one agent key, then {@code more}. */
  private static String acmeWith(String more) {
    return "id: acme\nname: A\napi-keys: [{ id: k, sha256: " + ConfigFixture.sha256("k") + ", roles: [agent] }]\n" + more;
  }

  @Test
  void rs256NeedsAParsablePublicKey() {
    fixture().platform("auth: { jwt: { algorithm: RS256, private-key: not-a-key } }\n");

    List<String> problems = problems(fixture().platformFile, Map.of());

    assertEquals(List.of(
        label("rampart.yaml") + ":$.auth.jwt.public-key: is required for RS256",
        label("rampart.yaml") + ":$.auth.jwt.private-key: is not a PEM PKCS#8 RSA private key (-----BEGIN PRIVATE KEY-----)"),
        problems);
  }

  @Test
  void printedConfigShowsNoSecrets() {
    fixture().platform("auth: { jwt: { secret: " + ConfigFixture.SECRET + " } }\n"
        + "providers: { openai: { plugin: openai-compatible, settings: { api-key: sk-very-secret } } }\n");

    String printed = ConfigLoader.load(fixture().platformFile, Map.of()).toString();

    assertTrue(printed.contains("openai-compatible"), printed);
    assertTrue(!printed.contains(ConfigFixture.SECRET) && !printed.contains("sk-very-secret"), printed);
  }
}
