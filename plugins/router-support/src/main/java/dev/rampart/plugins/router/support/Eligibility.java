package dev.rampart.plugins.router.support;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.router.Candidate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Screens candidates against what a request needs. Candidates that cannot serve it (no tools, no
 * JSON mode, context window too small) are excluded; those whose circuit is open are kept, but
 * after every available one, so the kernel only reaches them when everything else failed.
 */
public final class Eligibility {

  private Eligibility() {}

  /**
   * The outcome of screening.
   *
   * @param eligible candidates that can serve the request, available ones first, otherwise in the
   *     order given
   * @param reasons one line per excluded or skipped candidate
   * @param failure why none is eligible, when none is
   */
  public record Screening(List<Candidate> eligible, List<String> reasons, Optional<RampartException> failure) {

    /** The eligible candidates, or the failure as an exception. */
    public List<Candidate> orThrow() {
      if (failure.isPresent()) {
        throw failure.get();
      }
      return eligible;
    }

    /** Whether at least one eligible candidate is available. */
    public boolean anyAvailable() {
      return !eligible.isEmpty() && eligible.get(0).available();
    }
  }

  /**
   * Screens the candidates a model name the client asked for resolves to ({@link Targets#resolve}).
   *
   * @param notFound the message of the {@code MODEL_NOT_FOUND} thrown when the name resolves to none
   */
  public static Screening screenModel(String name, List<Candidate> candidates, RequestNeeds needs, String notFound) {
    List<Candidate> pool = Targets.resolve(name, candidates);
    if (pool.isEmpty()) {
      throw new RampartException(ErrorCode.MODEL_NOT_FOUND, notFound);
    }
    return screen(pool, needs, "model " + Targets.quote(name));
  }

  /**
   * Screens {@code pool} (duplicates are dropped) for a request with these needs. {@code what}
   * names the pool in error messages, e.g. {@code "alias 'fast'"}.
   */
  public static Screening screen(List<Candidate> pool, RequestNeeds needs, String what) {
    List<Candidate> available = new ArrayList<>();
    List<Candidate> unavailable = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    boolean anyCapable = false;
    for (Candidate c : new LinkedHashSet<>(pool)) {
      Optional<String> missing = missingCapability(c, needs);
      if (missing.isPresent()) {
        reasons.add("excluded " + Targets.label(c) + ": " + missing.get());
        continue;
      }
      anyCapable = true;
      if (c.model().contextWindow() < needs.requiredTokens()) {
        reasons.add("excluded " + Targets.label(c) + ": context window " + c.model().contextWindow()
            + " < " + needs.requiredTokens() + " tokens needed");
        continue;
      }
      if (c.available()) {
        available.add(c);
      } else {
        reasons.add("skipped " + Targets.label(c) + ": circuit open");
        unavailable.add(c);
      }
    }
    available.addAll(unavailable);
    if (!available.isEmpty()) {
      return new Screening(List.copyOf(available), List.copyOf(reasons), Optional.empty());
    }
    RampartException failure;
    if (pool.isEmpty()) {
      failure = new RampartException(ErrorCode.NO_PROVIDER, what + " has no provider this tenant may use");
    } else if (anyCapable) {
      failure = new RampartException(ErrorCode.CONTEXT_TOO_LARGE,
          "about " + needs.requiredTokens() + " tokens (prompt + max-tokens) fit no context window of " + what);
    } else {
      failure = new RampartException(ErrorCode.NO_PROVIDER,
          "no model of " + what + " supports what the request needs"
              + (needs.tools() ? " (tools)" : "") + (needs.format().needsJsonMode() ? " (JSON mode)" : ""));
    }
    return new Screening(List.of(), List.copyOf(reasons), Optional.of(failure));
  }

  /** What a candidate lacks for these needs (tools, JSON mode), if anything. */
  public static Optional<String> missingCapability(Candidate c, RequestNeeds needs) {
    if (needs.tools() && !c.model().supportsTools()) {
      return Optional.of("no tool calling");
    }
    if (needs.format().needsJsonMode() && !c.model().supportsJsonMode()) {
      return Optional.of("no JSON mode");
    }
    return Optional.empty();
  }
}
