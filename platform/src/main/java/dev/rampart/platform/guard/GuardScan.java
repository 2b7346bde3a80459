package dev.rampart.platform.guard;

import dev.rampart.contracts.guard.Finding;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.SortedSet;

/**
 * What guarding one text found and did: the body of {@code POST /v1/guard/scan}.
 *
 * @param text the text after the policy's actions; entities whose action is {@code block} are
 *     shown redacted
 * @param findings every finding with the action taken, offsets into the original text, by start
 * @param injectionScore the highest prompt-injection score, 0 when none
 * @param injectionFlagged above the flag threshold, not blocked
 * @param injectionBlocked above the block threshold, in a direction the check applies to
 * @param blockedTypes entity types found whose action is {@code block}
 */
public record GuardScan(
    String text,
    List<Acted> findings,
    double injectionScore,
    boolean injectionFlagged,
    boolean injectionBlocked,
    SortedSet<String> blockedTypes) {

  /**
   * One finding and what the policy does with it.
   *
   * @param action {@code allow}, {@code mask}, {@code redact}, {@code hash}, {@code block}; for
   *     prompt injection {@code allow}, {@code flag} or {@code block}
   */
  public record Acted(Finding finding, String action) {}

  public GuardScan {
    findings = List.copyOf(findings);
    blockedTypes = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(blockedTypes));
  }

  /** Whether the policy refuses this text. */
  public boolean blocked() {
    return injectionBlocked || !blockedTypes.isEmpty();
  }

  /** The findings alone. */
  public List<Finding> plainFindings() {
    return findings.stream().map(Acted::finding).toList();
  }

  public JsonObject toJson() {
    JsonArray items = new JsonArray();
    for (Acted a : findings) {
      Finding f = a.finding();
      items.add(new JsonObject()
          .put("entity-type", f.entityType())
          .put("start", f.start())
          .put("end", f.end())
          .put("score", f.score())
          .put("detector", f.detectorId())
          .put("action", a.action()));
    }
    return new JsonObject()
        .put("text", text)
        .put("findings", items)
        .put("injection", new JsonObject()
            .put("score", injectionScore).put("flagged", injectionFlagged).put("blocked", injectionBlocked))
        .put("blocked", blocked())
        .put("blocked-types", new JsonArray(List.copyOf(blockedTypes)));
  }
}
