package dev.rampart.plugins.llm.support;

/**
 * One key of an {@link ApiKeyPool}. {@link #toString()} never shows the value, so a key that
 * slips into a log line or an exception message stays secret.
 *
 * @param slot its position in the configured list (safe to log)
 * @param value the secret
 */
public record ApiKey(int slot, String value) {

  @Override
  public String toString() {
    return "ApiKey[slot=" + slot + "]";
  }
}
