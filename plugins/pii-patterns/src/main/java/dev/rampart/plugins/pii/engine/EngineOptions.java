package dev.rampart.plugins.pii.engine;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How an engine is set up.
 *
 * @param enabled the entity types to report
 * @param minScore findings scoring below this are dropped before overlaps are settled
 * @param defaultRegion ISO 3166 region for phone numbers written without a country code
 * @param otherRegions regions also tried for national numbers with a trunk prefix 0
 * @param detectorId the instance name written into every finding
 */
public record EngineOptions(
    Set<EntityType> enabled, double minScore, String defaultRegion, List<String> otherRegions, String detectorId) {

  public EngineOptions {
    enabled = enabled.isEmpty() ? EnumSet.noneOf(EntityType.class) : EnumSet.copyOf(enabled);
    otherRegions = List.copyOf(otherRegions);
  }

  /** Every type on, threshold 0.5, US numbering plus common European and Commonwealth plans. */
  public static EngineOptions defaults(String detectorId) {
    return new EngineOptions(EnumSet.allOf(EntityType.class), 0.5, "US", DEFAULT_OTHER_REGIONS, detectorId);
  }

  /** Regions tried for national-format numbers that begin with a trunk 0. */
  public static final List<String> DEFAULT_OTHER_REGIONS =
      List.of("GB", "DE", "FR", "IT", "ES", "NL", "IE", "AU", "IN", "BR");
}
