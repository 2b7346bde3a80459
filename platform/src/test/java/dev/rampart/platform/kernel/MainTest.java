package dev.rampart.platform.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real entry point, in its own JVM: a bad config stops it before anything starts. */
class MainTest {

  @TempDir Path dir;

  @Test
  void anInvalidConfigRefusesToStartListingEveryProblem() throws Exception {
    Files.createDirectories(dir.resolve("tenants"));
    Files.writeString(dir.resolve("rampart.yaml"), """
        server: { port: "eighty" }
        auth: { jwt: { secret: short } }
        unknown-key: 1
        """);
    Files.writeString(dir.resolve("tenants/acme.yaml"), "id: acme\n");
    Process process = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            Main.class.getName(), dir.resolve("rampart.yaml").toString())
        .redirectErrorStream(true)
        .start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "exits by itself");
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, process.exitValue(), output);
    assertTrue(output.contains("Rampart cannot start: invalid configuration"), output);
    assertTrue(output.contains("rampart.yaml:$.server.port"), output);
    assertTrue(output.contains("unknown-key"), output);
  }
}
