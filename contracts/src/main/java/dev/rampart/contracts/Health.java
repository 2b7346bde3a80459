package dev.rampart.contracts;

/**
 * One health shape for every component and extension instance.
 *
 * @param status whether the component can serve calls
 * @param detail a short human explanation; never contains secrets
 */
public record Health(Status status, String detail) {

  /** Whether a component can serve calls. */
  public enum Status {
    /** Serving normally. */
    UP,
    /** Serving, with reduced capacity or a fallback in use. */
    DEGRADED,
    /** Not serving. */
    DOWN
  }

  public static Health up() {
    return new Health(Status.UP, "ok");
  }

  public static Health down(String detail) {
    return new Health(Status.DOWN, detail);
  }
}
