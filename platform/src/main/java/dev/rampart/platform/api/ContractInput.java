package dev.rampart.platform.api;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an operation's request JSON (as {@link ApiOperation} defines it) against the OpenAPI
 * contract's parameter and body schemas, so a request that arrives on the event bus is held to
 * exactly the rules the HTTP router enforces.
 */
public final class ContractInput {

  // Basic output lists every error with its location; the default (flag) only says valid or not
  private static final JsonSchemaOptions OPTIONS = new JsonSchemaOptions()
      .setDraft(Draft.DRAFT202012)
      .setOutputFormat(OutputFormat.Basic)
      .setBaseUri("app:///");

  private final Map<String, Rules> rules = new HashMap<>();

  private record ParameterRule(String field, boolean required, Validator validator) {}

  private record Rules(List<ParameterRule> parameters, Validator body) {}

  public ContractInput(OpenAPIContract contract) {
    for (Operation op : contract.operations()) {
      List<ParameterRule> parameters = new ArrayList<>();
      for (Parameter p : op.getParameters()) {
        parameters.add(new ParameterRule(ApiOperation.kebab(p.getName()), p.isRequired(),
            contract.getSchemaRepository().validator(p.getSchema(), OPTIONS)));
      }
      Validator body = null;
      if (op.getRequestBody() != null) {
        MediaType json = op.getRequestBody().getContent().get("application/json");
        if (json != null) {
          body = contract.getSchemaRepository().validator(json.getSchema(), OPTIONS);
        }
      }
      rules.put(op.getOperationId(), new Rules(parameters, body));
    }
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
