package dev.rampart.plugins.router.adaptive;

import io.vertx.core.json.JsonObject;

/** Effective settings plus what is derived from them once (the keyword matcher). */
record AdaptivePolicy(AdaptiveSettings settings, DomainFlags domains) {

  static AdaptivePolicy parse(JsonObject json) {
    AdaptiveSettings settings = AdaptiveSettings.parse(json);
    return new AdaptivePolicy(settings, new DomainFlags(settings.domains()));
  }
}
