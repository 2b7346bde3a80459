package dev.rampart.platform.guard;

import java.util.Locale;

/** What a tenant policy does with one detected entity in one direction. */
public enum GuardAction {
  /** Leave it as it is. */
  ALLOW,
  /** Keep the last 4 letters or digits (never more than half of them), star the others, keep separators. */
  MASK,
  /** Replace it with its type, e.g. {@code [EMAIL]}. */
  REDACT,
  /** Replace it with its type and a keyed hash, e.g. {@code [EMAIL:3f9a0c1e2b]}: stable per tenant. */
  HASH,
  /** Refuse the whole text ({@code guard-blocked}, naming the types only). */
  BLOCK;

  /** The configuration and wire form, e.g. {@code redact}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static GuardAction fromWire(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }
}
