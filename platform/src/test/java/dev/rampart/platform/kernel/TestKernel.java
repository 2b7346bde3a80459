package dev.rampart.platform.kernel;

import dev.rampart.platform.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A real kernel in-process on a free port, with the bundled plugin jars the reactor built, a
 * fresh data folder and two tenants: {@code acme} (key {@link #ACME_KEY}, all roles, plus a
 * revoked key {@link #ACME_REVOKED}) and {@code globex} (key {@link #GLOBEX_KEY}, agent only).
 */
public final class TestKernel implements AutoCloseable {

  public static final Path BUNDLED_PLUGINS = Path.of(System.getProperty("rampart.test.plugin-folder", "../target/plugins"));
  public static final Path REPO_ROOT = Path.of(System.getProperty("rampart.test.repo-root", ".."));
  public static final String SECRET = "kernel-test-secret-0123456789abcdef-xyz";
  public static final String ACME_KEY = "rk_test_acme_4f9a0c1e2b3d";
  public static final String ACME_REVOKED = "rk_test_acme_revoked_77aa";
  public static final String GLOBEX_KEY = "rk_test_globex_5e6f7a8b";

  public final Vertx vertx;
  public final Kernel kernel;
  public final WebClient http;

  private TestKernel(Vertx vertx, Kernel kernel) {
    this.vertx = vertx;
    this.kernel = kernel;
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(kernel.httpPort()));
  }

  /**
   * Writes a config into {@code dir} and boots it. {@code extraYaml} is appended to rampart.yaml
   * (e.g. a {@code persistence:} or {@code detectors:} block); {@code pluginFolders} is a YAML list.
   */
  public static TestKernel start(Path dir, String pluginFolders, String extraYaml) throws Exception {
    return start(dir, pluginFolders, extraYaml, Map.of());
  }

  /** As {@link #start(Path, String, String)}, with {@code acmeYaml} appended to acme's tenant file (e.g. a {@code guard:} policy). */
  public static TestKernel start(Path dir, String pluginFolders, String extraYaml, String acmeYaml) throws Exception {
    return start(dir, pluginFolders, extraYaml, acmeYaml.isEmpty() ? Map.of() : Map.of("acme", acmeYaml));
  }

  /**
   * As {@link #start(Path, String, String)}, and {@code tenantYaml} (tenant id → YAML) is appended
   * to that tenant's file, or is the whole file of a tenant other than acme and globex.
   */
  public static TestKernel start(Path dir, String pluginFolders, String extraYaml, Map<String, String> tenantYaml)
      throws Exception {
    writeConfig(dir, pluginFolders, extraYaml);
    for (Map.Entry<String, String> t : tenantYaml.entrySet()) {
      Path file = dir.resolve("tenants/" + t.getKey() + ".yaml");
      boolean known = t.getKey().equals("acme") || t.getKey().equals("globex");
      Files.writeString(file, (known ? Files.readString(file) : "") + t.getValue());
    }
    return boot(dir);
  }

  /** Boots the config already written in {@code dir} (see {@link #writeConfig}). */
  public static TestKernel boot(Path dir) throws Exception {
    Vertx vertx = Vertx.builder().with(Main.vertxOptions()).build();
    try {
      Kernel kernel = await(Kernel.boot(vertx, ConfigLoader.load(dir.resolve("rampart.yaml"), Map.of()), Map.of()));
      return new TestKernel(vertx, kernel);
    } catch (Exception e) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw e;
    }
  }

  public static TestKernel start(Path dir) throws Exception {
    return start(dir, "[" + BUNDLED_PLUGINS.toAbsolutePath() + "]", "");
  }

  public static void writeConfig(Path dir, String pluginFolders, String extraYaml) throws Exception {
    Files.createDirectories(dir.resolve("tenants"));
    String yaml = """
        server: { host: 127.0.0.1, port: 0, body-limit-bytes: 65536, instances: 2 }
        data-dir: %s
        tenants-reload-ms: 0
        auth: { jwt: { secret: %s, token-ttl-seconds: 60 } }
        plugins: { folders: %s, required: [], call-timeout-ms: 2000 }
        """.formatted(dir.resolve("data").toAbsolutePath(), SECRET, pluginFolders);
    if (!extraYaml.contains("persistence:")) {
      yaml += "persistence: { use: embedded }\n";
    }
    Files.writeString(dir.resolve("rampart.yaml"), yaml + extraYaml);
    Files.writeString(dir.resolve("tenants/acme.yaml"), """
        id: acme
        name: Acme
        api-keys:
          - { id: main, sha256: %s, roles: [admin, operator, agent] }
          - { id: old, sha256: %s, roles: [admin], revoked: true }
        """.formatted(sha256(ACME_KEY), sha256(ACME_REVOKED)));
    Files.writeString(dir.resolve("tenants/globex.yaml"), """
        id: globex
        name: Globex
        api-keys:
          - { id: main, sha256: %s, roles: [agent] }
        """.formatted(sha256(GLOBEX_KEY)));
  }

  public static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Makes {@code call} (a request with {@link #http}) from an event loop rather than the test's
   * thread: Vert.x 5.0.8's HTTP client now and then never answers a request made from a plain
   * thread (see UpstreamClient), which requests sent together from a test thread run into.
   */
  public <T> Future<T> fromEventLoop(Supplier<Future<T>> call) {
    Promise<T> done = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> call.get().onComplete(done));
    return done.future();
  }

  /**
   * Completes when {@code condition} holds, asking on an event loop and again on a Vert.x timer
   * every 25 ms (no thread sleeps); fails after {@code limitMs}. For effects that land after a
   * response: usage recorded once the answer is sent, a reloaded tenant file, a breaker that opens.
   */
  public Future<Void> eventually(long limitMs, Supplier<Future<Boolean>> condition) {
    long deadline = System.currentTimeMillis() + limitMs;
    // every check runs on an event loop, the first one too (see fromEventLoop)
    return fromEventLoop(() -> {
      Promise<Void> done = Promise.promise();
      check(deadline, condition, done);
      return done.future();
    });
  }

  private void check(long deadline, Supplier<Future<Boolean>> condition, Promise<Void> done) {
    condition.get().onComplete(ar -> {
      if (ar.succeeded() && ar.result()) {
        done.complete();
      } else if (System.currentTimeMillis() > deadline) {
        done.fail("condition not met in time" + (ar.failed() ? ": " + ar.cause() : ""));
      } else {
        vertx.setTimer(25, id -> check(deadline, condition, done));
      }
    });
  }

  public static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  // the three below send from an event loop: a lone request from the test thread once went unanswered too

  public HttpResponse<Buffer> get(String path, String key) throws Exception {
    return await(fromEventLoop(() -> http.get(path).putHeader("Authorization", "Bearer " + key).send()));
  }

  public HttpResponse<Buffer> post(String path, String key, JsonObject body) throws Exception {
    return await(fromEventLoop(() -> http.post(path).putHeader("Authorization", "Bearer " + key).sendJsonObject(body)));
  }

  public HttpResponse<Buffer> delete(String path, String key) throws Exception {
    return await(fromEventLoop(() -> http.delete(path).putHeader("Authorization", "Bearer " + key).send()));
  }

  @Override
  public void close() throws Exception {
    http.close();
    await(kernel.stop());
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
