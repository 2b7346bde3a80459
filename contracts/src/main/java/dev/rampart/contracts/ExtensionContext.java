package dev.rampart.contracts;

import io.vertx.core.Vertx;
import java.nio.file.Path;

/**
 * What the kernel hands an extension instance at {@link Extension#start}.
 *
 * @param vertx the kernel's Vert.x instance; use it for timers, clients and worker pools
 * @param instanceName the configured name of this instance, e.g. {@code openai-prod}
 * @param dataDirectory a folder this instance may write to; it exists, and survives restarts
 */
public record ExtensionContext(Vertx vertx, String instanceName, Path dataDirectory) {}
