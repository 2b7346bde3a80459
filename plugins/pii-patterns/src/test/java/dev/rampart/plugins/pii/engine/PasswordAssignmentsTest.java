package dev.rampart.plugins.pii.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordAssignmentsTest {

  private final DetectionEngine engine = new DetectionEngine(EngineOptions.defaults("p"));

  private List<String> secrets(String text) {
    return engine.scan(text).findings().stream().filter(f -> f.entityType().equals("GENERIC_SECRET"))
        .map(f -> text.substring(f.start(), f.end())).toList();
  }

  @Test
  void aPasswordGivenAsANamesValueIsFound() {
    assertEquals(List.of("hunter2"), secrets("password: hunter2"));
    assertEquals(List.of("s3cr3t!x"), secrets("{\"db_password\": \"s3cr3t!x\"}"));
    assertEquals(List.of("Tr0ub4dor&3"), secrets("PWD: Tr0ub4dor&3"));
    assertEquals(List.of("abc123xyz"), secrets("userPassword='abc123xyz'"));
    assertEquals(List.of("geheim123"), secrets("Passwort: geheim123"));
    assertEquals(List.of("correct horse battery"), secrets("password: 'correct horse battery'"));
    // sentence punctuation after an unquoted value is not part of it
    assertEquals(List.of("abc123"), secrets("my password is abc123! ok"));
    // a query parameter after it ends it
    assertEquals(List.of("abc1&23"), secrets("user=bob&password=abc1&23&next=home"));
  }

  @Test
  void wordsPlaceholdersPathsAndCallsAreNotPasswords() {
    for (String text : List.of("The password is required.", "Password: Incorrect!", "password: ********",
        "password=${DB_PASSWORD}", "password: <YOUR_PASSWORD>", "pwd: /home/jane/src", "PWD=/usr/local/bin",
        "password = getpass(\"x\")", "if password == \"hunter22\": pass", "passwords: abc123x are not stored",
        "password: {{ vault.pw }}", "password: %s1234", "password: \"abc123", "password=ab1")) {
      assertEquals(List.of(), secrets(text), text);
    }
  }

  @Test
  void aSecretInAUrlsQueryIsReportedAndTheUrlEndsBeforeIt() {
    String text = "GET https://api.example.com/v1?api_key=Zx9kQ2mP8vL4nR7tY1wE5uI3oA6sD0fG&limit=5 and /login?user=bob&password=abc123xy";
    List<String> found = engine.scan(text).findings().stream().map(f -> f.entityType() + " " + text.substring(f.start(), f.end())).toList();
    assertEquals(List.of("URL https://api.example.com/v1?api_key=", "GENERIC_SECRET Zx9kQ2mP8vL4nR7tY1wE5uI3oA6sD0fG",
        "GENERIC_SECRET abc123xy"), found);
    // a URL whose query holds no secret is whole
    String plain = "see https://example.com/a?b=1&c=d for more";
    assertEquals(List.of("https://example.com/a?b=1&c=d"), engine.scan(plain).findings().stream()
        .map(f -> plain.substring(f.start(), f.end())).toList());
  }

  @Test
  void aValueLongerThanTheLimitIsNotTakenForAPassword() {
    String value = "a1".repeat(PasswordAssignments.MAX_VALUE / 2 + 1);
    assertTrue(secrets("password: " + value).stream().noneMatch(v -> v.length() > PasswordAssignments.MAX_VALUE));
  }
}
