package dev.rampart.contracts;

/**
 * The one exception type that carries a client-visible {@link ErrorCode}. Extensions fail their
 * futures with it to control what the client sees; its message must never contain secrets or
 * personal data, because it is returned to the client and logged.
 */
public class RampartException extends RuntimeException {

  private final ErrorCode code;

  public RampartException(ErrorCode code, String detail) {
    super(detail);
    this.code = code;
  }

  public RampartException(ErrorCode code, String detail, Throwable cause) {
    super(detail, cause);
    this.code = code;
  }

  /** The stable code this failure maps to. */
  public ErrorCode code() {
    return code;
  }
}
