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
  /** A budget (daily or monthly cost ceiling) is spent; the problem says what remains. */
  BUDGET_EXCEEDED(402, "Budget exceeded"),
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
  /** No such model or alias for this tenant. */
  MODEL_NOT_FOUND(404, "Unknown model"),
  /** The tenant may use no provider that can serve this request. */
  NO_PROVIDER(403, "No provider allowed"),
  /** The request is larger than the chosen model's context window. */
  CONTEXT_TOO_LARGE(400, "Context too large"),
  /** The tenant's guard policy blocked the request (the problem names entity types, never values). */
  GUARD_BLOCKED(422, "Blocked by guard policy"),
  /** A text is longer than the guard accepts. */
  TEXT_TOO_LARGE(413, "Text too large"),
  /** A rate, concurrency or token limit was hit; retry later. */
  RATE_LIMITED(429, "Too many requests"),
  /** The store could not complete a write (disk full, read-only folder); nothing was written. */
  STORAGE_UNAVAILABLE(503, "Storage unavailable"),
  /** An upstream model provider failed (5xx, malformed answer, cut stream) after retries and fallbacks. */
  UPSTREAM_FAILED(502, "Upstream provider failed"),
  /** An upstream model provider did not answer in time (connect, first token or total limit). */
  UPSTREAM_TIMEOUT(504, "Upstream provider timed out"),
  /** Every provider in the fallback chain is unavailable (circuit open or bulkhead full). */
  UPSTREAM_UNAVAILABLE(503, "No upstream provider available"),
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
