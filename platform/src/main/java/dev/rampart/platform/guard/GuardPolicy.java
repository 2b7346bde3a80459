package dev.rampart.platform.guard;

import dev.rampart.platform.guard.TextGuard.Direction;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One tenant's guard policy, read from the {@code guard:} section of its file (already checked
 * against {@code tenant-config.schema.json}).
 *
 * <p>Defaults, chosen so that a tenant without a policy loses nothing it sent and leaks nothing
 * into logs: every type is allowed on input, output and storage and redacted in logs; prompt
 * injection is blocked above 0.8 and flagged above 0.5, on input only.
 *
 * @param detectors detector instance names to use; empty means every configured detector
 * @param actions per entity type, the actions set for some directions
 * @param defaults the action for a type and direction {@code actions} does not name
 * @param injection prompt-injection thresholds
 * @param hashKey key of the {@code hash} action
 */
public record GuardPolicy(
    Optional<List<String>> detectors,
    Map<String, Map<Direction, GuardAction>> actions,
    Map<Direction, GuardAction> defaults,
    Injection injection,
    byte[] hashKey) {

  /** The defaults of a tenant that sets nothing. */
  static final Map<Direction, GuardAction> DEFAULT_ACTIONS = Map.of(
      Direction.INPUT, GuardAction.ALLOW, Direction.OUTPUT, GuardAction.ALLOW,
      Direction.STORAGE, GuardAction.ALLOW, Direction.LOGS, GuardAction.REDACT);

  /**
   * @param blockAbove refuse when the highest score is strictly above it
   * @param flagAbove flag when the highest score is strictly above it (and not blocked)
   * @param directions where the check applies
   */
  public record Injection(double blockAbove, double flagAbove, Set<Direction> directions) {}

  /**
   * @param guard the tenant file's {@code guard} object
   * @param derivedHashKey the key to use when the file sets no {@code hash-key}
   */
  public static GuardPolicy from(JsonObject guard, byte[] derivedHashKey) {
    Optional<List<String>> detectors = Optional.ofNullable(guard.getJsonArray("detectors"))
        .map(a -> a.stream().map(String.class::cast).toList());
    Map<String, Map<Direction, GuardAction>> actions = new TreeMap<>();
    JsonObject byType = guard.getJsonObject("actions", new JsonObject());
    for (String type : byType.fieldNames()) {
      actions.put(type, directionActions(byType.getJsonObject(type)));
    }
    Map<Direction, GuardAction> defaults = new EnumMap<>(DEFAULT_ACTIONS);
    defaults.putAll(directionActions(guard.getJsonObject("default-actions", new JsonObject())));
    JsonObject inj = guard.getJsonObject("injection", new JsonObject());
    Set<Direction> directions = EnumSet.noneOf(Direction.class);
    JsonArray named = inj.getJsonArray("directions", new JsonArray().add("input"));
    named.forEach(d -> directions.add(direction((String) d)));
    Injection injection = new Injection(inj.getDouble("block-above", 0.8), inj.getDouble("flag-above", 0.5), directions);
    String key = guard.getString("hash-key");
    byte[] hashKey = key == null ? derivedHashKey : key.getBytes(StandardCharsets.UTF_8);
    return new GuardPolicy(detectors, actions, defaults, injection, hashKey);
  }

  /** The action for {@code entityType} going {@code direction}. */
  public GuardAction action(String entityType, Direction direction) {
    Map<Direction, GuardAction> set = actions.get(entityType);
    GuardAction action = set == null ? null : set.get(direction);
    return action != null ? action : defaults.get(direction);
  }

  /** {@code input} → {@link Direction#INPUT}. */
  public static Direction direction(String wire) {
    return Direction.valueOf(wire.toUpperCase(Locale.ROOT));
  }

  /** {@link Direction#INPUT} → {@code input}. */
  public static String wire(Direction direction) {
    return direction.name().toLowerCase(Locale.ROOT);
  }

  private static Map<Direction, GuardAction> directionActions(JsonObject json) {
    Map<Direction, GuardAction> out = new EnumMap<>(Direction.class);
    for (String d : json.fieldNames()) {
      out.put(direction(d), GuardAction.fromWire(json.getString(d)));
    }
    return out;
  }

  /** Never shows the hash key. */
  @Override
  public String toString() {
    return "GuardPolicy[detectors=" + detectors + ", actions=" + actions + ", defaults=" + defaults
        + ", injection=" + injection + ", hashKey=***]";
  }
}
