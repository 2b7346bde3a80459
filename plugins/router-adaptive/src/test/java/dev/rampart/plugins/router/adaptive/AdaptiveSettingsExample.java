package dev.rampart.plugins.router.adaptive;

/** The documented settings example, kept valid by a test. */
final class AdaptiveSettingsExample {

  static final String JSON = """
      {
        "tiers": [
          {"name": "small", "models": ["offline/offline-small", "gpt-4o-mini"]},
          {"name": "large", "models": ["openai-prod/gpt-4o"]}
        ],
        "threshold": 0.5,
        "weights": {"bias": -2.5, "tokens": 0.8, "json": 0.5, "tools": 1.0, "novelty": 1.0, "failure-rate": 4.0,
                    "domains": {"code": 0.8, "legal": 1.2, "medical": 1.2, "finance": 1.0}},
        "domains": {"finance": ["balance sheet", "ebitda", "cash flow"]},
        "novelty-window": 64,
        "failure-ewma-alpha": 0.1,
        "early-exit-max-tokens": 4000,
        "canary": {
          "model": "offline/offline-large",
          "share": 0.05,
          "bounds": {"max-error-rate": 0.1, "max-p95-latency-ms": 4000, "min-quality": 0.7},
          "min-samples": 50,
          "window": 200
        },
        "max-tenants": 1024
      }""";

  private AdaptiveSettingsExample() {}
}
