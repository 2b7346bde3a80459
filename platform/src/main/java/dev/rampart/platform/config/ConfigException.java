package dev.rampart.platform.config;

import java.util.List;

/**
 * Configuration that cannot be used. Carries every problem found, not just the first, each as
 * {@code file:json-path: message} (YAML syntax errors as {@code file: line L, column C: message}).
 * Problems never contain secrets or environment values, so they are safe to log and show.
 */
public final class ConfigException extends RuntimeException {

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(summary(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in file order. */
  public List<String> problems() {
    return problems;
  }

  private static String summary(List<String> problems) {
    var text = new StringBuilder();
    text.append(problems.size()).append(problems.size() == 1 ? " configuration problem" : " configuration problems");
    problems.forEach(p -> text.append(System.lineSeparator()).append("  ").append(p));
    return text.toString();
  }
}
