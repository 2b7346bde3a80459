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

  /**
   * A chat through the gateway: the body is a {@code POST /v1/chat} request, the reply the same
   * answer (routing, guard findings, usage, cost). A request with {@code "stream": true} must go
   * to {@link #CHAT_STREAM} instead.
   */
  public static final String CHAT = "rampart.chat";

  /**
   * A streamed chat. The caller first registers a consumer on an address of its own choosing
   * under {@code rampart.stream.<its tenant id>.} (see {@link #STREAM_TO_HEADER}), then sends a {@code POST /v1/chat} request body here with the header
   * {@value #STREAM_TO_HEADER} naming that address. The reply comes once the first token is in
   * (or fails with a problem, exactly like {@link #CHAT}, when no provider could start):
   * {@code {"stream-id", "routing"}}. The chunks follow as messages to the caller's address, in
   * order, each with the header {@value #STREAM_ID_HEADER}:
   * <ul>
   *   <li>{@code {"type": "chunk", "delta", "tool-calls"}} — a piece of the answer;
   *   <li>{@code {"type": "end", "finish-reason", "usage", "cost-usd", "routing"}} — the last
   *       message of a stream that completed;
   *   <li>{@code {"type": "error", "problem"}} — the last message of a stream that broke after it
   *       started (upstream failure, budget spent); there is no {@code end} then.
   * </ul>
   * <b>Flow control:</b> every message is sent as a request; the caller acknowledges each one by
   * replying (any body). At most {@value #STREAM_WINDOW} messages are unacknowledged at a time,
   * so a slow consumer slows the upstream down instead of filling memory. A message that is not
   * acknowledged within the gateway's total time limit, or a reply failure, cancels the stream.
   * One consumer address may serve many streams; tell them apart by the stream-id header.
   */
  public static final String CHAT_STREAM = "rampart.chat.stream";

  /** The OpenAI-shaped {@code POST /v1/chat/completions} without streaming; same body, same reply. */
  public static final String CHAT_COMPLETIONS = "rampart.chat.completions";

  /** {@code {}} → the OpenAI model list ({@code GET /v1/models}). */
  public static final String MODELS = "rampart.models";

  /** {@code {"from", "to"}} (UTC dates, inclusive) → usage per day and model, plus remaining budgets. */
  public static final String USAGE = "rampart.usage";

  /**
   * Header of a {@link #CHAT_STREAM} request naming where the chunks go. The address must start
   * with {@link #STREAM_ADDRESS_PREFIX} followed by the caller's tenant id and a dot (e.g.
   * {@code rampart.stream.acme.worker-7}), so a tenant can only have chunks sent to its own
   * addresses, never to another tenant's consumer or an internal service.
   */
  public static final String STREAM_TO_HEADER = "stream-to";

  /** Where streamed chunks may be sent: {@code rampart.stream.<tenant id>.<anything>}. */
  public static final String STREAM_ADDRESS_PREFIX = "rampart.stream.";

  /** Header of every streamed message: which stream it belongs to. */
  public static final String STREAM_ID_HEADER = "stream-id";

  /** Unacknowledged streamed messages allowed per stream. */
  public static final int STREAM_WINDOW = 16;

  private Addresses() {}
}
