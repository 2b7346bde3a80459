package dev.rampart.platform.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * One HTTP server instance; the kernel deploys one per event loop, all sharing the port (Vert.x
 * balances connections between them).
 */
public final class HttpVerticle extends VerticleBase {

  private final ApiRouter.Spec spec;
  private final String host;
  private final int port;
  private HttpServer server;

  public HttpVerticle(ApiRouter.Spec spec, String host, int port) {
    this.spec = spec;
    this.host = host;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true));
    return server.requestHandler(ApiRouter.create(vertx, spec)).listen(port, host);
  }

  /** The bound port (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }
}
