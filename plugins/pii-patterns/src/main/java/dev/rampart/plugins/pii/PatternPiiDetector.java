package dev.rampart.plugins.pii;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.Health;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.guard.Finding;
import dev.rampart.contracts.guard.PiiDetector;
import dev.rampart.plugins.pii.engine.DetectionEngine;
import dev.rampart.plugins.pii.engine.EntityType;
import dev.rampart.plugins.pii.engine.GrowingEntities;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The {@code pii-patterns} detector: pattern and checksum validation for PII (cards, IBANs,
 * national ids, phone numbers, addresses), credentials, and prompt-injection heuristics. See
 * {@link DetectorSettings} for its settings and {@link dev.rampart.plugins.pii.engine} for how
 * each entity is recognised and scored.
 *
 * <p>{@link #detect} is synchronous, thread-safe and linear in the text's length; it never logs
 * or otherwise keeps the text or what it found.
 */
@Extension
public final class PatternPiiDetector implements PiiDetector {

  /** The extension type configuration refers to. */
  public static final String TYPE = "pii-patterns";

  /** See {@link #maxEntityLength()}. */
  static final int MAX_ENTITY_LENGTH = 160;

  private volatile DetectionEngine engine;

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public JsonObject settingsSchema() {
    return DetectorSettings.schema();
  }

  @Override
  public Future<Void> start(ExtensionContext context, JsonObject settings) {
    try {
      engine = new DetectionEngine(DetectorSettings.from(settings).toEngineOptions(context.instanceName()));
      return Future.succeededFuture();
    } catch (IllegalArgumentException bad) {
      return Future.failedFuture(new RampartException(ErrorCode.VALIDATION_FAILED, bad.getMessage()));
    }
  }

  @Override
  public Future<Health> health() {
    return Future.succeededFuture(engine == null ? Health.down("not started") : Health.up());
  }

  @Override
  public Set<String> entityTypes() {
    DetectionEngine current = engine;
    Set<String> names = new LinkedHashSet<>();
    for (EntityType t : EntityType.values()) {
      if (current == null || current.options().enabled().contains(t)) {
        names.add(t.name());
      }
    }
    return names;
  }

  /**
   * The longest entity this detector must see whole without {@link #openEntities}: 160, the
   * window of a prompt-injection phrase, the longest entity that spans words and has no start to
   * recognise it by. Everything else fits too (an IBAN written in groups is 42 characters, a
   * bech32 wallet at most 90, a classic GitHub token 40, a phone number 32), except what
   * {@link #openEntities} reports while it grows: PEM keys, JWTs, URLs, long Slack and GitHub
   * tokens, e-mail addresses with long domains and generic secrets after a keyword. Kept well
   * under the contract's default of 256 so a streamed answer is held back as little as possible.
   */
  @Override
  public int maxEntityLength() {
    return MAX_ENTITY_LENGTH;
  }

  /** See {@link GrowingEntities}; linear in the text's length, like {@link #detect}. */
  @Override
  public List<OpenEntity> openEntities(CharSequence text) {
    DetectionEngine current = engine;
    if (current == null) {
      throw new IllegalStateException("pii-patterns detector used before start()");
    }
    return GrowingEntities.in(text.toString(), current.options().enabled(), MAX_ENTITY_LENGTH);
  }

  /**
   * Every candidate in {@code text}, overlaps unsettled: the guard settles them once, across all
   * its detectors (settling here first could lose a finding; see
   * {@link DetectionEngine#scanUnresolved}).
   */
  @Override
  public List<Finding> detect(CharSequence text) {
    DetectionEngine current = engine;
    if (current == null) {
      throw new IllegalStateException("pii-patterns detector used before start()");
    }
    return current.scanUnresolved(text).findings();
  }
}
