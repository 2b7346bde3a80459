package dev.rampart.platform.llm;

import dev.rampart.contracts.llm.LlmProvider;
import dev.rampart.contracts.router.RouterPolicy;
import dev.rampart.platform.plugin.ExtensionInstances;
import dev.rampart.platform.plugin.ExtensionKind;
import java.util.Optional;

/** The running provider and router instances, by configured name. */
final class ProviderDirectory {

  /** A running provider instance and its call time limit. */
  record Running(String name, LlmProvider provider, long callTimeoutMs) {}

  /** A running router instance and its call time limit. */
  record Router(String name, RouterPolicy policy, long callTimeoutMs) {}

  private final ExtensionInstances instances;

  ProviderDirectory(ExtensionInstances instances) {
    this.instances = instances;
  }

  Optional<Running> running(String provider) {
    return instances.find(ExtensionKind.LLM_PROVIDER, provider)
        .flatMap(i -> i.extension().map(e -> new Running(provider, (LlmProvider) e, i.callTimeoutMs())));
  }

  Optional<Router> router(String name) {
    return instances.find(ExtensionKind.ROUTER_POLICY, name)
        .flatMap(i -> i.extension().map(e -> new Router(name, (RouterPolicy) e, i.callTimeoutMs())));
  }

  /** Whether an instance of that name is configured at all (running or not). */
  boolean routerConfigured(String name) {
    return instances.find(ExtensionKind.ROUTER_POLICY, name).isPresent();
  }
}
