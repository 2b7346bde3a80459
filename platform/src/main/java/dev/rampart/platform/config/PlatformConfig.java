package dev.rampart.platform.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code config/rampart.yaml}, validated, with {@code ${env:NAME}} references resolved and
 * environment overrides applied. Relative paths are resolved against the working directory.
 *
 * @param server HTTP server settings
 * @param dataDir folder for durable local data (embedded store, ...)
 * @param auth token issuing and checking
 * @param plugins plugin runtime settings
 * @param persistence which persistence extension to bind, and its settings
 * @param bridge TCP event-bus bridge
 * @param limits defaults for tenant limits
 * @param tenantsDir folder of tenant files
 * @param extensions the other named extension instances by kind ({@code providers},
 *     {@code router-policies}, {@code detectors}, {@code check-runners}): name → instance
 * @param guard platform-wide guard settings
 * @param llm the {@code llm} section (gateway defaults, resilience), defaults applied; read by
 *     {@code dev.rampart.platform.llm.GatewaySettings}
 */
public record PlatformConfig(
    Server server,
    Path dataDir,
    Auth auth,
    Plugins plugins,
    Instance persistence,
    Bridge bridge,
    Limits limits,
    Path tenantsDir,
    Map<String, Map<String, Instance>> extensions,
    Guard guard,
    JsonObject llm) {

  /**
   * @param host bind address
   * @param port TCP port (0 picks a free one)
   * @param bodyLimitBytes largest accepted request body
   * @param instances HTTP verticle instances; 0 means one per event loop
   */
  public record Server(String host, int port, long bodyLimitBytes, int instances) {}

  /**
   * @param algorithm HS256, RS256 or ES256
   * @param secret HMAC secret for HS256
   * @param publicKeyPem PEM public key for RS256/ES256 (empty for HS256)
   * @param privateKeyPem PEM private key for RS256/ES256, needed to issue tokens
   * @param issuer {@code iss} claim written and required
   * @param tokenTtlSeconds lifetime of issued tokens
   */
  public record Auth(
      String algorithm,
      String secret,
      String publicKeyPem,
      String privateKeyPem,
      String issuer,
      int tokenTtlSeconds) {

    /** Says which key material is set, never the material: configs end up in logs. */
    @Override
    public String toString() {
      return "Auth[algorithm=" + algorithm + ", secret=" + (secret.isEmpty() ? "unset" : "***")
          + ", publicKeyPem=" + (publicKeyPem.isEmpty() ? "unset" : "set")
          + ", privateKeyPem=" + (privateKeyPem.isEmpty() ? "unset" : "***")
          + ", issuer=" + issuer + ", tokenTtlSeconds=" + tokenTtlSeconds + "]";
    }
  }

  /**
   * @param folders where plugin jars/zips are loaded from, in order
   * @param required plugin ids that must start, or the kernel refuses to start
   * @param callTimeoutMs default time limit of every call into an extension
   */
  public record Plugins(List<Path> folders, List<String> required, long callTimeoutMs) {}

  /**
   * A named extension instance.
   *
   * @param type extension type ({@code Extension.type()}), e.g. {@code embedded}
   * @param settings settings validated against the extension's schema
   * @param callTimeoutMs time limit for calls into this instance (defaults to the plugins one)
   */
  public record Instance(String type, JsonObject settings, long callTimeoutMs) {

    /** Lists setting names only: settings often hold credentials (API keys, passwords). */
    @Override
    public String toString() {
      return "Instance[type=" + type + ", settings=" + settings.fieldNames() + ", callTimeoutMs=" + callTimeoutMs + "]";
    }
  }

  /**
   * @param enabled whether the TCP event-bus bridge listens
   * @param host bind address
   * @param port TCP port
   * @param inbound addresses clients may send to (exact names)
   * @param outbound addresses clients may receive from (exact names)
   */
  public record Bridge(boolean enabled, String host, int port, List<String> inbound, List<String> outbound) {}

  /**
   * Defaults that a tenant's own {@code limits} override key by key.
   *
   * @param conversationTtlHours conversations expire this long after creation; 0 means never
   * @param values the raw limits object (kebab-case keys), for limits later features read
   */
  public record Limits(long conversationTtlHours, JsonObject values) {}

  /**
   * @param maxTextChars longest text the guard scans ({@code max-text-chars})
   * @param scanDeadlineMs time budget of one scan across all detectors
   * @param maxHoldBackChars cap on what a streamed text is held back
   * @param hashSecret secret tenant hash keys derive from; empty when unset
   * @param logMaxChars log messages are cut to this length before redaction
   */
  public record Guard(int maxTextChars, long scanDeadlineMs, int maxHoldBackChars, String hashSecret, int logMaxChars) {

    /** The defaults of the schema, for code that runs without a config file. */
    public static Guard defaults() {
      return new Guard(1_000_000, 2000, 4096, "", 16384);
    }

    /** Never shows the secret: configs end up in logs. */
    @Override
    public String toString() {
      return "Guard[maxTextChars=" + maxTextChars + ", scanDeadlineMs=" + scanDeadlineMs + ", maxHoldBackChars="
          + maxHoldBackChars + ", hashSecret=" + (hashSecret.isEmpty() ? "unset" : "***") + ", logMaxChars=" + logMaxChars + "]";
    }
  }
}
