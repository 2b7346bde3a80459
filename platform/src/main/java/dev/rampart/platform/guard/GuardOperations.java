package dev.rampart.platform.guard;

import static dev.rampart.contracts.bus.Addresses.GUARD_SCAN;

import dev.rampart.platform.api.ApiOperation;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Optional;

/** {@code POST /v1/guard/scan} and {@code rampart.guard.scan}: the guard on its own, for the caller's tenant. */
public final class GuardOperations {

  private GuardOperations() {}

  public static List<ApiOperation> of(PolicyTextGuard guard) {
    return List.of(new ApiOperation("scanText", GUARD_SCAN, 200, true, (caller, req) -> {
      Optional<List<String>> detectors = Optional.ofNullable(req.getJsonArray("detectors"))
          .map(JsonArray::getList)
          .map(l -> l.stream().map(String.class::cast).toList());
      TextGuard.Direction direction = GuardPolicy.direction(req.getString("direction", "input"));
      return Future.succeededFuture(guard.scan(caller.tenantId(), direction, req.getString("text"), detectors).toJson());
    }));
  }
}
