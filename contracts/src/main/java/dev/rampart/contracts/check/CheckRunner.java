package dev.rampart.contracts.check;

import dev.rampart.contracts.Extension;
import io.vertx.core.Future;

/**
 * Runs a named check for a workspace.
 *
 * <p>Threading, errors and timeouts follow {@link Extension}. The runner enforces
 * {@link CheckRequest#timeout()} itself (killing what it started) and reports
 * {@link CheckResult.Status#TIMED_OUT}; the kernel's own call limit is a backstop above it.
 */
public interface CheckRunner extends Extension {

  /** Runs the check and reports what happened; a failing check is a result, not a failure. */
  Future<CheckResult> run(CheckRequest request);
}
