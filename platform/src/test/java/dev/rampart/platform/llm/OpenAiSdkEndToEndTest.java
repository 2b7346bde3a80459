package dev.rampart.platform.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.platform.kernel.TestKernel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official {@code openai} npm package, unchanged but for its base URL and key, against a
 * running Rampart with the bundled offline provider and rules router: models, plain and streamed
 * completions, tool calls, errors. The script is {@code platform/src/test/e2e/openai/chat.test.mjs}.
 * Needs Node.js and npm (the CI script installs them); the package comes from package-lock.json.
 */
class OpenAiSdkEndToEndTest {

  private static final Path SCRIPTS = TestKernel.REPO_ROOT.resolve("platform/src/test/e2e/openai");

  @TempDir Path dir;

  @Test
  void theOfficialOpenAiSdkWorksAgainstRampart() throws Exception {
    installSdk();
    String extra = """
        llm: { router: default }
        providers: { offline: { plugin: offline } }
        router-policies:
          default: { plugin: rules, settings: { aliases: { fast: offline/offline-small }, default: fast } }
        """;
    try (TestKernel rampart = TestKernel.start(dir, "[" + TestKernel.BUNDLED_PLUGINS.toAbsolutePath() + "]", extra,
        Map.of("acme", "llm: { providers: [offline] }\n"))) {
      Map<String, String> env = Map.of(
          "RAMPART_BASE_URL", "http://127.0.0.1:" + rampart.kernel.httpPort() + "/v1",
          "RAMPART_API_KEY", TestKernel.ACME_KEY,
          "RAMPART_MODEL", "fast");
      Process node = run(List.of("node", "--test", "--test-reporter=tap"), env);
      String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(node.waitFor(120, TimeUnit.SECONDS), "node finishes");
      assertEquals(0, node.exitValue(), output);
      assertTrue(output.contains("# pass 6"), output);
      assertTrue(output.contains("# fail 0"), output);
    }
  }

  private static Process run(List<String> command, Map<String, String> env) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(SCRIPTS.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    return process;
  }

  /** {@code npm ci} from the lock file when the package is not there yet. */
  private static void installSdk() throws Exception {
    if (Files.isDirectory(SCRIPTS.resolve("node_modules/openai"))) {
      return;
    }
    Process npm;
    try {
      npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of());
    } catch (IOException e) {
      throw new AssertionError("this test needs Node.js and npm on the PATH (the CI script installs them)", e);
    }
    String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(npm.waitFor(300, TimeUnit.SECONDS), "npm ci finishes");
    assertEquals(0, npm.exitValue(), "npm ci failed:\n" + output);
  }
}
