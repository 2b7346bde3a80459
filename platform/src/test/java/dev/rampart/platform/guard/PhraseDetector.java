package dev.rampart.platform.guard;

import dev.rampart.contracts.guard.Finding;
import java.util.ArrayList;
import java.util.List;

/** Reports every occurrence of one phrase as one entity type with a fixed score. */
final class PhraseDetector extends OneTypeDetector {

  private final String phrase;
  private final String entityType;
  private final double score;

  PhraseDetector(String phrase, String entityType, double score) {
    super("phrase", entityType, phrase.length());
    this.phrase = phrase;
    this.entityType = entityType;
    this.score = score;
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
