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
 */
public record Problem(ErrorCode code, String detail, List<String> errors) {

  private static final Logger LOG = LoggerFactory.getLogger(Problem.class);

  public Problem {
    errors = List.copyOf(errors);
  }

  public static Problem of(ErrorCode code, String detail) {
    return new Problem(code, detail, List.of());
  }

  /** Maps any failure to a problem; unexpected ones are logged and hidden behind INTERNAL. */
  public static Problem from(Throwable failure) {
    if (failure instanceof RampartException re) {
      return of(re.code(), re.getMessage());
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

  private static Problem fromJson(JsonObject json) {
    for (ErrorCode code : ErrorCode.values()) {
      if (code.code().equals(json.getString("code"))) {
        return of(code, json.getString("detail", ""));
      }
    }
    return of(ErrorCode.INTERNAL, json.getString("detail", ""));
  }

  public int status() {
    return code.status();
  }

  public JsonObject toJson(String requestId) {
    JsonObject json = new JsonObject()
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
    return json;
  }

  /** A RampartException carrying this problem, for failing futures. */
  public RampartException toException() {
    return new RampartException(code, errors.isEmpty() ? detail : detail + ": " + String.join("; ", errors));
  }
}
