package dev.rampart.platform.http;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An RFC 9457 problem: the one error shape of both doors. Over HTTP it is the body of an
 * {@code application/problem+json} response; on the event bus it is the failure message (as
 * JSON text) with the status as failure code.
 *
 * @param code stable error code
 * @param detail human explanation for this occurrence; never secrets or personal data
 * @param errors individual problems when there are several (validation)
 * @param members further members of the problem document (e.g. the remaining budget)
 */
public record Problem(ErrorCode code, String detail, List<String> errors, JsonObject members) {

  private static final Logger LOG = LoggerFactory.getLogger(Problem.class);

  /** Implemented by failures that add members to their problem document. */
  public interface Members {
    /** Extra members, kebab case; they never replace the standard ones. */
    JsonObject problemMembers();
  }

  public Problem {
    errors = List.copyOf(errors);
    members = members.copy();
  }

  public Problem(ErrorCode code, String detail, List<String> errors) {
    this(code, detail, errors, new JsonObject());
  }

  public static Problem of(ErrorCode code, String detail) {
    return new Problem(code, detail, List.of());
  }

  /** Maps any failure to a problem; unexpected ones are logged and hidden behind INTERNAL. */
  public static Problem from(Throwable failure) {
    if (failure instanceof RampartException re) {
      JsonObject members = failure instanceof Members m ? m.problemMembers() : new JsonObject();
      return new Problem(re.code(), re.getMessage(), List.of(), members);
    }
    if (failure instanceof DecodeException) {
      return of(ErrorCode.MALFORMED_JSON, "the request body is not valid JSON");
    }
    if (failure instanceof ReplyException re && re.getMessage() != null && re.getMessage().startsWith("{")) {
      return fromJson(new JsonObject(re.getMessage()));
    }
    LOG.error("unexpected failure", failure);
    return of(ErrorCode.INTERNAL, "an unexpected error occurred; see the server log with this request id");
  }

  /** The problem a bus reply or an error event carried, standard members included. */
  public static Problem fromJson(JsonObject json) {
    JsonObject members = json.copy();
    for (String standard : List.of("type", "title", "status", "code", "detail", "errors", "request-id", "error")) {
      members.remove(standard);
    }
    for (ErrorCode code : ErrorCode.values()) {
      if (code.code().equals(json.getString("code"))) {
        return new Problem(code, json.getString("detail", ""), List.of(), members);
      }
    }
    return of(ErrorCode.INTERNAL, json.getString("detail", ""));
  }

  public int status() {
    return code.status();
  }

  /**
   * The problem document. Besides the RFC 9457 members it carries {@code error}, the same failure
   * in the shape OpenAI SDKs read ({@code message}, {@code type}, {@code code}), so clients that
   * switched to Rampart by changing their base URL report it properly.
   */
  public JsonObject toJson(String requestId) {
    JsonObject json = members.copy()
        .put("type", "urn:rampart:problem:" + code.code())
        .put("title", code.title())
        .put("status", code.status())
        .put("code", code.code())
        .put("detail", detail);
    if (!errors.isEmpty()) {
      json.put("errors", new JsonArray(errors));
    }
    if (requestId != null) {
      json.put("request-id", requestId);
    }
    json.put("error", openAiError());
    return json;
  }

  /** The OpenAI error object: {@code {"message", "type", "param", "code"}}. */
  public JsonObject openAiError() {
    String type = switch (code.status()) {
      case 401 -> "authentication_error";
      case 402 -> "insufficient_quota";
      case 403 -> "permission_error";
      case 429 -> "rate_limit_error";
      case 400, 404, 405, 409, 413, 415, 422 -> "invalid_request_error";
      default -> "api_error";
    };
    return new JsonObject()
        .put("message", errors.isEmpty() ? detail : detail + ": " + String.join("; ", errors))
        .put("type", type)
        .put("param", null)
        .put("code", code.code().replace('-', '_'));
  }

  /** A RampartException carrying this problem, for failing futures. */
  public RampartException toException() {
    return new RampartException(code, errors.isEmpty() ? detail : detail + ": " + String.join("; ", errors));
  }
}
