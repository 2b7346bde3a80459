package dev.rampart.contracts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.pf4j.ExtensionPoint;

/**
 * The part every Rampart extension point shares: identity, settings schema, lifecycle, health.
 *
 * <p><b>Instances.</b> The kernel creates one new object per configured instance (for example
 * {@code openai-prod} and {@code local-vllm} are two instances of type {@code openai-compatible}),
 * calls {@link #start} once with that instance's settings, and {@link #stop} once at shutdown.
 *
 * <p><b>Threading.</b> Methods are called on a Vert.x event-loop thread and must never block it.
 * Work that blocks (JDBC, file I/O, a process) runs on a worker ({@code vertx.executeBlocking})
 * and still returns a {@link Future}.
 *
 * <p><b>Errors.</b> Fail the returned future, preferably with a {@link RampartException} carrying
 * an {@link ErrorCode}; anything else is reported to clients as {@link ErrorCode#PLUGIN_FAILED}.
 * A method that throws instead of failing its future is treated the same way.
 *
 * <p><b>Timeouts.</b> The kernel gives every call a time limit (configured per instance, default
 * from {@code plugins.call-timeout}). When it passes, the caller gets
 * {@link ErrorCode#PLUGIN_TIMEOUT}; the extension's own future is ignored when it completes later,
 * so an extension must tolerate abandoned calls.
 */
public interface Extension extends ExtensionPoint {

  /** The type name configuration refers to with {@code plugin: <type>}, e.g. {@code embedded}. */
  String type();

  /**
   * JSON Schema (draft 2020-12) for the {@code settings} of an instance of this type. The kernel
   * validates settings against it before {@link #start}; problems are reported with the config
   * file and JSON path. The default accepts any object.
   */
  default JsonObject settingsSchema() {
    return new JsonObject().put("type", "object");
  }

  /**
   * Starts this instance. Called once, before any other call except {@link #type} and
   * {@link #settingsSchema}. A failed future marks the instance (and its plugin) as failed.
   */
  Future<Void> start(ExtensionContext context, JsonObject settings);

  /** Releases resources. Called once at shutdown; the default does nothing. */
  default Future<Void> stop() {
    return Future.succeededFuture();
  }

  /** Reports whether this instance can serve calls now. Must be cheap; it is polled. */
  Future<Health> health();
}
