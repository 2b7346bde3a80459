package dev.rampart.platform.guard;

import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.guard.PiiDetector;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** A test detector with no settings that reports one entity type; subclasses write the scan. */
abstract class OneTypeDetector implements PiiDetector {

  private final String type;
  private final String entityType;
  private final int maxEntityLength;

  OneTypeDetector(String type, String entityType, int maxEntityLength) {
    this.type = type;
    this.entityType = entityType;
    this.maxEntityLength = maxEntityLength;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public Future<Void> start(ExtensionContext context, JsonObject settings) {
    return Future.succeededFuture();
  }

  @Override
  public Set<String> entityTypes() {
    return Set.of(entityType);
  }

  @Override
  public int maxEntityLength() {
    return maxEntityLength;
  }
}
