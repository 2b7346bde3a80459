package dev.rampart.contracts.check;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A check to run.
 *
 * @param name check name, e.g. {@code lint}, {@code test}
 * @param workspace folder to run in
 * @param argv program and arguments, run without a shell
 * @param timeout limit after which the check is stopped
 * @param maxOutputBytes captured output beyond this is truncated
 */
public record CheckRequest(
    String name, Path workspace, List<String> argv, Duration timeout, int maxOutputBytes) {

  public CheckRequest {
    argv = List.copyOf(argv);
  }
}
