package dev.rampart.platform.plugin;

import dev.rampart.contracts.Extension;
import dev.rampart.contracts.check.CheckRunner;
import dev.rampart.contracts.guard.PiiDetector;
import dev.rampart.contracts.llm.LlmProvider;
import dev.rampart.contracts.persistence.PersistenceAdapter;
import dev.rampart.contracts.router.RouterPolicy;

/** The five extension points, with the key that configures their instances in rampart.yaml. */
public enum ExtensionKind {
  PERSISTENCE(PersistenceAdapter.class, "persistence"),
  LLM_PROVIDER(LlmProvider.class, "providers"),
  ROUTER_POLICY(RouterPolicy.class, "router-policies"),
  PII_DETECTOR(PiiDetector.class, "detectors"),
  CHECK_RUNNER(CheckRunner.class, "check-runners");

  private final Class<? extends Extension> point;
  private final String configKey;

  ExtensionKind(Class<? extends Extension> point, String configKey) {
    this.point = point;
    this.configKey = configKey;
  }

  public Class<? extends Extension> point() {
    return point;
  }

  public String configKey() {
    return configKey;
  }

  /** The wire name, e.g. {@code pii-detector}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
