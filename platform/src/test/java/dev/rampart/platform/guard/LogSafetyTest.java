package dev.rampart.platform.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.guard.PiiDetector;
import dev.rampart.platform.kernel.TestKernel;
import dev.rampart.platform.testplugins.KeywordDetector;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log lines written through the shipped {@code logback.xml} (its appender's output sent to a
 * file) never contain a card number, an e-mail address, an AWS key, a JWT or a PEM key.
 */
class LogSafetyTest {

  static final String CARD = "4111 1111 1111 1111";
  static final String EMAIL = "jane.doe@example.com";
  static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
  static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0"
      + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
  static final String PEM_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj";
  static final String PEM = "-----BEGIN PRIVATE KEY-----\n" + PEM_BODY + "\nMqx1qv2Ow3Zb\n-----END PRIVATE KEY-----";
  static final String GROQ_KEY = "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";
  static final String XAI_KEY = "xai-Zx9kQ2mP8vL4nR7tY1wE5uI3oA6sD0fGh2jK4lZ6xC8vB0nM1qW3eR5tY7uI9oPZx9kQ2mP8vL4nR7tY1wE";
  static final List<String> SECRETS = List.of(CARD, "4111111111111111", EMAIL, AWS_KEY, JWT, "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV",
      PEM_BODY, "sk-live-abcdef0123456789", "hunter2hunter2", GROQ_KEY, XAI_KEY);

  @TempDir Path dir;

  @AfterEach
  void backToBuiltIns() {
    LogRedaction.use(DetectorSet.of(Map.of()), 16384, 250);
  }

  /** Logs through a fresh context configured by the shipped logback.xml; returns what reached the file. */
  private String logThroughShippedConfig(Consumer<Logger> writer) throws Exception {
    Path config = TestKernel.REPO_ROOT.resolve("platform/src/main/resources/logback.xml");
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(config.toFile());
    Path file = dir.resolve("rampart.log");
    @SuppressWarnings("unchecked")
    ch.qos.logback.classic.AsyncAppender async =
        (ch.qos.logback.classic.AsyncAppender) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("ASYNC");
    OutputStreamAppender<ILoggingEvent> stdout = (OutputStreamAppender<ILoggingEvent>) async.getAppender("STDOUT");
    OutputStream out = Files.newOutputStream(file);
    stdout.setOutputStream(out);
    writer.accept(context.getLogger("dev.rampart.test"));
    context.stop(); // drains the async queue before closing the appenders
    return Files.readString(file);
  }

  @Test
  void noSecretOrDetectedEntityReachesTheLogFileEvenBeforeDetectorsStart() throws Exception {
    String written = logThroughShippedConfig(log -> {
      log.info("payment with card {} from {}", CARD, EMAIL);
      log.info("card without spaces 4111111111111111, aws key {}", AWS_KEY);
      log.warn("Authorization: Bearer {}", JWT);
      log.info("config dump api_key=sk-live-abcdef0123456789 password: \"hunter2hunter2\"");
      log.info("key material:\n{}", PEM);
      log.warn("upstream refused {} and {}", GROQ_KEY, XAI_KEY);
      log.info("login user={} ok", EMAIL);
      log.error("request failed", new IllegalStateException("no account for " + EMAIL + " with token " + JWT));
    });
    for (String secret : SECRETS) {
      assertFalse(written.contains(secret), "leaked " + secret + " in:\n" + written);
    }
    for (String placeholder : List.of("[CREDIT_CARD]", "[EMAIL]", "[AWS_ACCESS_KEY]", "[JWT]", "[PRIVATE_KEY]", "[GENERIC_SECRET]")) {
      assertTrue(written.contains(placeholder), placeholder + " missing in:\n" + written);
    }
    assertTrue(written.contains("java.lang.IllegalStateException"), "the stack trace itself is kept");
    assertTrue(written.contains("payment with card"), "the rest of the message is kept");
    assertTrue(written.contains("login user=[EMAIL] ok"), "a field's name stays, only the address goes:\n" + written);
  }

  @Test
  void theConfiguredDetectorsAreUsedOnceTheKernelHasStartedThem() throws Exception {
    KeywordDetector keywords = new KeywordDetector();
    keywords.start(new ExtensionContext(null, "keywords", dir), new JsonObject());
    LogRedaction.use(DetectorSet.of(Map.<String, PiiDetector>of("keywords", keywords)), 16384, 250);
    String written = logThroughShippedConfig(log -> log.info("employee EMP-123456 logged in from {}", EMAIL));
    assertFalse(written.contains("EMP-123456"), written);
    assertTrue(written.contains("employee [EMPLOYEE_ID] logged in from [EMAIL]"), written);
  }

  @Test
  void aMessageThatCannotBeCheckedIsWithheld() throws Exception {
    KeywordDetector broken = new KeywordDetector();
    broken.start(new ExtensionContext(null, "broken", dir), new JsonObject().put("mode", "throw"));
    LogRedaction.use(DetectorSet.of(Map.<String, PiiDetector>of("broken", broken)), 16384, 250);
    String written = logThroughShippedConfig(log -> log.info("employee EMP-123456 wrote {}", EMAIL));
    assertFalse(written.contains("EMP-123456") || written.contains(EMAIL), written);
    assertTrue(written.contains(LogRedaction.WITHHELD), written);
  }

  @Test
  void aLongMessageIsCutBeforeRedactionWithoutLeavingHalfASecret() {
    LogRedaction.use(DetectorSet.of(Map.of()), 300, 250);
    String line = "x ".repeat(140) + "card " + CARD + " and more";
    String redacted = LogRedaction.redact(line);
    assertTrue(redacted.length() < 400, redacted);
    assertFalse(redacted.contains("4111"), redacted);
    assertTrue(redacted.contains("more chars cut]"), redacted);
  }

  @Test
  void adversarialLinesAreRedactedWithinTheGuardsOwnDeadline() {
    // shapes that make naive patterns backtrack: long local parts without a domain, digit runs
    // with separators, endless base64 after eyJ, many BEGIN markers; the deadline is the guard's
    LogRedaction.use(DetectorSet.of(Map.of()), 2_000_000, 5000);
    for (String hostile : List.of("a".repeat(200_000) + "@", "@a".repeat(100_000), "1 ".repeat(100_000) + "x",
        "eyJ".repeat(100_000), "-----BEGIN ".repeat(20_000), "password=".repeat(20_000), "Bearer ".repeat(30_000))) {
      String redacted = LogRedaction.redact(hostile);
      assertFalse(redacted.equals(LogRedaction.WITHHELD), "withheld a " + hostile.length() + "-char line");
    }
    assertEquals("", LogRedaction.redact(""));
  }
}
