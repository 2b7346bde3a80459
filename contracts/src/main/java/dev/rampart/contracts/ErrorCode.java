package dev.rampart.contracts;

/**
 * The stable error codes a client can see. Over HTTP each becomes an RFC 9457 problem with
 * {@code code} set to {@link #code()} and the status {@link #status()}; on the event bus the
 * reply fails with failure code {@link #status()} and a message that is the same problem
 * document as JSON. Codes are never renamed; new ones may be added.
 */
public enum ErrorCode {
  /** The request body is not valid JSON. */
  MALFORMED_JSON(400, "Malformed JSON"),
  /** The request does not match the contract (schema, parameters, unknown fields). */
  VALIDATION_FAILED(400, "Request validation failed"),
  /** A pagination cursor was not produced by this API or has been tampered with. */
  INVALID_CURSOR(400, "Invalid cursor"),
  /** No credential, or one that is malformed, expired, forged or revoked. */
  UNAUTHENTICATED(401, "Authentication required"),
  /** The credential is valid but its roles do not allow this operation. */
  FORBIDDEN(403, "Forbidden"),
  /** The resource does not exist for this tenant (or has expired). */
  NOT_FOUND(404, "Not found"),
  /** No route matches the path. */
  ROUTE_NOT_FOUND(404, "No such route"),
  /** The route exists but not with this method. */
  METHOD_NOT_ALLOWED(405, "Method not allowed"),
  /** The resource already exists. */
  CONFLICT(409, "Conflict"),
  /** The request body is larger than the configured limit. */
  PAYLOAD_TOO_LARGE(413, "Payload too large"),
  /** The content type is not one the operation accepts. */
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
  /** A rate, concurrency or token limit was hit; retry later. */
  RATE_LIMITED(429, "Too many requests"),
  /** The store could not complete a write (disk full, read-only folder); nothing was written. */
  STORAGE_UNAVAILABLE(503, "Storage unavailable"),
  /** A plugin failed or threw while serving the call. */
  PLUGIN_FAILED(502, "Plugin failed"),
  /** A plugin did not answer within its time limit. */
  PLUGIN_TIMEOUT(504, "Plugin timed out"),
  /** The configured extension instance is missing or not running. */
  EXTENSION_UNAVAILABLE(503, "Extension unavailable"),
  /** An unexpected error inside Rampart. */
  INTERNAL(500, "Internal error");

  private final int status;
  private final String title;

  ErrorCode(int status, String title) {
    this.status = status;
    this.title = title;
  }

  /** The HTTP status, also the event-bus failure code. */
  public int status() {
    return status;
  }

  /** A short, stable, human title. */
  public String title() {
    return title;
  }

  /** The wire form: lower kebab case, e.g. {@code validation-failed}. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
