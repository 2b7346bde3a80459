package dev.rampart.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.Vertx;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Response;
import java.util.concurrent.TimeUnit;

/**
 * Checks a response body against the contract's schema for that operation and status, so the
 * implementation and the published document cannot drift apart unnoticed. (The router validates
 * requests only.)
 */
public final class ContractResponses {

  private static OpenAPIContract contract;

  private ContractResponses() {}

  public static synchronized void assertMatches(String operationId, int status, Object body) throws Exception {
    if (contract == null) {
      Vertx vertx = Vertx.vertx();
      contract = ApiContract.load(vertx).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).contract();
      vertx.close();
    }
    Response response = contract.operation(operationId).getResponse(status);
    assertNotNull(response, operationId + " declares no " + status + " response");
    MediaType json = response.getContent().get("application/json");
    OutputUnit result = contract.getSchemaRepository()
        .validator(json.getSchema(), new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
            .setOutputFormat(OutputFormat.Basic).setBaseUri("app:///"))
        .validate(body);
    assertEquals(Boolean.TRUE, result.getValid(), operationId + " " + status + " does not match the contract: " + result.toJson().encode());
  }
}
