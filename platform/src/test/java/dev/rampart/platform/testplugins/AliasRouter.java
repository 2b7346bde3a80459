package dev.rampart.platform.testplugins;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.Health;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.router.Candidate;
import dev.rampart.contracts.router.RouteDecision;
import dev.rampart.contracts.router.RouteOutcome;
import dev.rampart.contracts.router.RouteRequest;
import dev.rampart.contracts.router.RouterPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A trivial router for gateway tests: the tenant's {@code aliases: {name: "provider/model",
 * ...}} (the first entry the primary, a list for fallbacks), else a model id served by a candidate.
 * Outcomes are published on {@code test.router.outcomes}.
 */
public class AliasRouter implements RouterPolicy {

  private Vertx vertx;

  @Override
  public String type() {
    return "alias-router";
  }

  @Override
  public Future<Void> start(ExtensionContext context, JsonObject settings) {
    vertx = context.vertx();
    return Future.succeededFuture();
  }

  @Override
  public Future<Health> health() {
    return Future.succeededFuture(Health.up());
  }

  @Override
  public Future<RouteDecision> decide(RouteRequest request) {
    JsonObject aliases = request.tenantSettings().getJsonObject("aliases", new JsonObject());
    Object alias = aliases.getValue(request.request().model());
    List<RouteDecision.Target> targets = new ArrayList<>();
    if (alias instanceof String s) {
      targets.add(target(s));
    } else if (alias instanceof JsonArray list) {
      list.forEach(t -> targets.add(target((String) t)));
    } else {
      for (Candidate c : request.candidates()) {
        if (c.model().id().equals(request.request().model())) {
          targets.add(new RouteDecision.Target(c.provider(), c.model().id()));
        }
      }
    }
    if (targets.isEmpty()) {
      return Future.failedFuture(new RampartException(ErrorCode.MODEL_NOT_FOUND,
          "no model or alias '" + request.request().model() + "'"));
    }
    RouteDecision.Target first = targets.get(0);
    return Future.succeededFuture(new RouteDecision(first.provider(), first.model(), "test",
        targets.subList(1, targets.size()), List.of("alias-router picked " + first.provider() + "/" + first.model())));
  }

  private static RouteDecision.Target target(String spec) {
    int slash = spec.indexOf('/');
    return new RouteDecision.Target(spec.substring(0, slash), spec.substring(slash + 1));
  }

  @Override
  public void observe(RouteOutcome outcome) {
    vertx.eventBus().publish("test.router.outcomes", new JsonObject().put("tenant", outcome.tenantId())
        .put("provider", outcome.target().provider()).put("success", outcome.success())
        .put("code", outcome.errorCode().orElse(null)));
  }
}
