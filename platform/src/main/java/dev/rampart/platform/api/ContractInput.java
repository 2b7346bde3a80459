package dev.rampart.platform.api;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Request validation from the OpenAPI contract's parameter and body schemas, for both doors: an
 * {@link ApiOperation}'s request JSON is checked against exactly the same rules whether it came
 * over HTTP or the event bus, and fails with the same messages.
 *
 * <p>Validators are compiled once per operation. (vertx-openapi's own request validator builds a
 * new schema validator, copying the whole schema repository, for every parameter of every
 * request; on this contract that capped the append route at a fraction of what Vert.x serves.)
 */
public final class ContractInput {

  // Basic output lists every error with its location; the default (flag) only says valid or not
  private static final JsonSchemaOptions OPTIONS = new JsonSchemaOptions()
      .setDraft(Draft.DRAFT202012)
      .setOutputFormat(OutputFormat.Basic)
      .setBaseUri("app:///");

  private final Map<String, Rules> rules = new HashMap<>();

  /** Where an HTTP door finds a parameter's raw text. */
  @FunctionalInterface
  public interface RawParameters {
    /** The raw value, or null when absent. */
    String get(Location in, String name);
  }

  private record ParameterRule(String name, String field, Location in, SchemaType type, boolean required, Validator validator) {}

  private record Rules(List<ParameterRule> parameters, Validator body, boolean bodyRequired) {}

  public ContractInput(OpenAPIContract contract) {
    for (Operation op : contract.operations()) {
      List<ParameterRule> parameters = new ArrayList<>();
      for (Parameter p : op.getParameters()) {
        parameters.add(new ParameterRule(p.getName(), ApiOperation.kebab(p.getName()), p.getIn(), p.getSchemaType(),
            p.isRequired(), contract.getSchemaRepository().validator(p.getSchema(), OPTIONS)));
      }
      Validator body = null;
      boolean bodyRequired = false;
      if (op.getRequestBody() != null) {
        MediaType json = op.getRequestBody().getContent().get("application/json");
        if (json != null) {
          body = contract.getSchemaRepository().validator(json.getSchema(), OPTIONS);
          bodyRequired = op.getRequestBody().isRequired();
        }
      }
      rules.put(op.getOperationId(), new Rules(parameters, body, bodyRequired));
    }
  }

  /** Whether the operation takes a JSON body. */
  public boolean takesBody(String operationId) {
    Rules r = rules.get(operationId);
    return r != null && r.body() != null;
  }

  /**
   * The request JSON of an HTTP request: the body's fields plus the parameters, converted to the
   * types their schemas declare. Text that does not convert stays text, so validation names it.
   */
  public JsonObject fromHttp(String operationId, JsonObject body, RawParameters raw) {
    JsonObject request = body == null ? new JsonObject() : body.copy();
    for (ParameterRule p : rules.get(operationId).parameters()) {
      String value = raw.get(p.in(), p.name());
      if (value != null) {
        request.put(p.field(), convert(value, p.type()));
      }
    }
    return request;
  }

  /** Every problem as {@code $.path: message}; empty when the request is valid. */
  public List<String> problems(String operationId, JsonObject request) {
    Rules r = rules.get(operationId);
    if (r == null) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    JsonObject body = request.copy();
    for (ParameterRule p : r.parameters()) {
      Object value = body.remove(p.field());
      if (value == null) {
        if (p.required()) {
          problems.add("$." + p.field() + ": is required");
        }
        continue;
      }
      collect(p.validator().validate(value), "$." + p.field(), problems);
    }
    if (r.body() != null) {
      collect(r.body().validate(body), "$", problems);
    }
    return problems;
  }

  private static Object convert(String value, SchemaType type) {
    try {
      return switch (type == null ? SchemaType.STRING : type) {
        case INTEGER -> Long.parseLong(value);
        case NUMBER -> Double.parseDouble(value);
        case BOOLEAN -> value.equals("true") ? Boolean.TRUE : value.equals("false") ? Boolean.FALSE : value;
        default -> value;
      };
    } catch (NumberFormatException e) {
      return value;
    }
  }

  private static void collect(OutputUnit result, String base, List<String> problems) {
    if (Boolean.TRUE.equals(result.getValid())) {
      return;
    }
    List<OutputUnit> errors = result.getErrors() == null || result.getErrors().isEmpty() ? List.of(result) : result.getErrors();
    for (OutputUnit e : errors) {
      String at = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().replaceFirst("^#", "").replace('/', '.');
      problems.add(base + at + ": " + e.getError());
    }
  }
}
