package dev.rampart.platform.guard;

import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.Health;
import dev.rampart.contracts.guard.Finding;
import dev.rampart.contracts.guard.PiiDetector;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reports every occurrence of one phrase as one entity type with a fixed score. */
final class PhraseDetector implements PiiDetector {

  private final String phrase;
  private final String entityType;
  private final double score;

  PhraseDetector(String phrase, String entityType, double score) {
    this.phrase = phrase;
    this.entityType = entityType;
    this.score = score;
  }

  @Override
  public String type() {
    return "phrase";
  }

  @Override
  public Future<Void> start(ExtensionContext context, JsonObject settings) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Health> health() {
    return Future.succeededFuture(Health.up());
  }

  @Override
  public Set<String> entityTypes() {
    return Set.of(entityType);
  }

  @Override
  public int maxEntityLength() {
    return phrase.length();
  }

  @Override
  public List<Finding> detect(CharSequence text) {
    String s = text.toString();
    List<Finding> out = new ArrayList<>();
    for (int i = s.indexOf(phrase); i >= 0; i = s.indexOf(phrase, i + 1)) {
      out.add(new Finding(entityType, i, i + phrase.length(), score, "phrase"));
    }
    return out;
  }
}
