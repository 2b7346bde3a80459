package dev.rampart.platform.testplugins;

import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.Health;
import dev.rampart.contracts.guard.Finding;
import dev.rampart.contracts.guard.PiiDetector;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * A detector whose behaviour its settings choose: {@code mode: ok | fail-start | hang-health}.
 * Its schema requires {@code mode}, so tests can also check settings validation.
 */

public class TestDetector implements PiiDetector {

  private String mode = "ok";

  @Override
  public String type() {
    return "test-detector";
  }

  @Override
  public JsonObject settingsSchema() {
    return new JsonObject("""
        {"type":"object","required":["mode"],"additionalProperties":false,
         "properties":{"mode":{"enum":["ok","fail-start","hang-health"]}}}""");
  }

  @Override
  public Future<Void> start(ExtensionContext context, JsonObject settings) {
    mode = settings.getString("mode");
    return "fail-start".equals(mode) ? Future.failedFuture("cannot reach upstream") : Future.succeededFuture();
  }

  @Override
  public Future<Health> health() {
    return "hang-health".equals(mode) ? Promise.<Health>promise().future() : Future.succeededFuture(Health.up());
  }

  @Override
  public Set<String> entityTypes() {
    return Set.of("TEST");
  }

  @Override
  public List<Finding> detect(CharSequence text) {
    return List.of();
  }
}
