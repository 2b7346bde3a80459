package dev.rampart.platform.bus;

import dev.rampart.platform.config.PlatformConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServerOptions;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;

/**
 * The TCP event-bus bridge for polyglot clients: only the configured addresses pass, and every
 * message still meets the same credential check at its consumer ({@link BusDoor}), so the bridge
 * adds reach, not trust.
 */
public final class EventBusBridge {

  private EventBusBridge() {}

  public static Future<TcpEventBusBridge> start(Vertx vertx, PlatformConfig.Bridge config) {
    BridgeOptions options = new BridgeOptions();
    config.inbound().forEach(a -> options.addInboundPermitted(new PermittedOptions().setAddress(a)));
    config.outbound().forEach(a -> options.addOutboundPermitted(new PermittedOptions().setAddress(a)));
    return TcpEventBusBridge.create(vertx, options, new NetServerOptions()).listen(config.port(), config.host());
  }
}
