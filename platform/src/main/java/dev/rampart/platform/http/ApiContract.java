package dev.rampart.platform.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI document from {@code rampart-contracts}: its text (served as is) and the parsed
 * contract the router validates against.
 *
 * <p>vertx-openapi 5.0.x refuses response media types outside a fixed list, and
 * {@code application/problem+json} and {@code text/event-stream} are not on it. Responses are not
 * validated, so the router gets a copy in which problem responses are declared as
 * {@code application/json} and event streams as {@code text/plain}; clients still receive what
 * the served document says.
 *
 * @param yaml the document as published
 * @param contract the parsed contract for routing and request validation
 */
public record ApiContract(Buffer yaml, OpenAPIContract contract) {

  /** Where the contract lives in the rampart-contracts jar. */
  public static final String RESOURCE = "dev/rampart/contracts/openapi.yaml";

  public static Future<ApiContract> load(Vertx vertx) {
    return vertx.fileSystem().readFile(RESOURCE).compose(yaml -> {
      String forRouter = yaml.toString().replace("application/problem+json:", "application/json:")
          .replace("text/event-stream:", "text/plain:");
      Map<String, Object> tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(forRouter);
      return OpenAPIContract.from(vertx, new JsonObject(tree)).map(contract -> new ApiContract(yaml, contract));
    });
  }
}
