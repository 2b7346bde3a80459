package dev.rampart.contracts.bus;

/**
 * Event-bus addresses of Rampart's services. Each takes a JSON object and replies with the same
 * JSON the matching HTTP operation returns. Path parameters of the HTTP route become fields of
 * the body ({@code conversation-id}); query parameters too ({@code cursor}, {@code limit}).
 *
 * <p><b>Credentials.</b> Every message except to {@link #AUTH_TOKEN} carries the header
 * {@value #AUTHORIZATION_HEADER} with {@code Bearer <api key or JWT>}, checked exactly as over
 * HTTP; the tenant comes from the credential only. Over the TCP bridge, put it in the frame's
 * {@code headers}.
 *
 * <p><b>Failures.</b> A failed reply has failure code = the HTTP status and a message that is the
 * RFC 9457 problem document as JSON text, with the same {@code code} as over HTTP (see
 * {@link dev.rampart.contracts.ErrorCode}).
 */
public final class Addresses {

  /** Header carrying the credential. */
  public static final String AUTHORIZATION_HEADER = "authorization";

  /** {@code {"api-key": "..."}} → {@code {"access-token", "token-type", "expires-in"}}. */
  public static final String AUTH_TOKEN = "rampart.auth.token";

  /** {@code {"title", "metadata"}} → conversation. */
  public static final String CONVERSATIONS_CREATE = "rampart.conversations.create";

  /** {@code {"conversation-id"}} → conversation. */
  public static final String CONVERSATIONS_GET = "rampart.conversations.get";

  /** {@code {"cursor", "limit"}} → {@code {"items", "next-cursor"}}. */
  public static final String CONVERSATIONS_LIST = "rampart.conversations.list";

  /** {@code {"conversation-id"}} → {@code {"deleted": true}}. */
  public static final String CONVERSATIONS_DELETE = "rampart.conversations.delete";

  /** {@code {"conversation-id", "role", "content", "metadata"}} → message. */
  public static final String MESSAGES_APPEND = "rampart.messages.append";

  /** {@code {"conversation-id", "cursor", "limit"}} → {@code {"items", "next-cursor"}}. */
  public static final String MESSAGES_LIST = "rampart.messages.list";

  /**
   * {@code {"text", "direction", "detectors"}} → {@code {"text", "findings", "injection",
   * "blocked"}}: the caller's tenant guard policy applied to {@code text}. A {@code block}
   * action is reported as {@code "blocked": true}, not as a failure.
   */
  public static final String GUARD_SCAN = "rampart.guard.scan";

  /** {@code {}} → {@code {"items": [plugin]}}; admin or operator role. */
  public static final String ADMIN_PLUGINS = "rampart.admin.plugins";

  /** {@code {}} → {@code {"items": [tenant status]}}; admin role. */
  public static final String ADMIN_TENANTS = "rampart.admin.tenants";

  private Addresses() {}
}
