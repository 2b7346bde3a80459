package dev.rampart.platform.kernel;

/** The kernel cannot start; the message says why, for the operator. */
public final class BootException extends RuntimeException {

  public BootException(String message) {
    super(message);
  }
}
