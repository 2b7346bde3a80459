package dev.rampart.plugins.router.support;

import dev.rampart.contracts.router.Candidate;
import dev.rampart.contracts.router.RouteDecision;
import java.util.ArrayList;
import java.util.List;

/**
 * Target names as configuration and clients write them: {@code provider/model} names one
 * candidate, a bare model id names every candidate serving that model (in the tenant's order).
 */
public final class Targets {

  private Targets() {}

  /** {@code provider/model}, the label used in reasons, settings and state views. */
  public static String label(Candidate c) {
    return c.provider() + "/" + c.model().id();
  }

  /** {@code provider/model} of a decision target. */
  public static String label(RouteDecision.Target t) {
    return t.provider() + "/" + t.model();
  }

  /** The decision target for a candidate. */
  public static RouteDecision.Target target(Candidate c) {
    return new RouteDecision.Target(c.provider(), c.model().id());
  }

  /**
   * The candidates a target name refers to, in candidate order; empty when none. An exact
   * {@code provider/model} match wins, so model ids that contain a slash still work as bare ids.
   */
  public static List<Candidate> resolve(String name, List<Candidate> candidates) {
    if (name == null || name.isEmpty()) {
      return List.of();
    }
    int slash = name.indexOf('/');
    if (slash > 0) {
      String provider = name.substring(0, slash);
      String model = name.substring(slash + 1);
      for (Candidate c : candidates) {
        if (c.provider().equals(provider) && c.model().id().equals(model)) {
          return List.of(c);
        }
      }
    }
    List<Candidate> byModel = new ArrayList<>(2);
    for (Candidate c : candidates) {
      if (c.model().id().equals(name)) {
        byModel.add(c);
      }
    }
    return byModel;
  }

  /** A client-supplied name cut short for a message, so a huge value cannot flood logs. */
  public static String quote(String name) {
    String s = name.length() > 80 ? name.substring(0, 80) + "…" : name;
    return "'" + s + "'";
  }
}
