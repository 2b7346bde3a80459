package dev.rampart.platform.kernel;

import dev.rampart.platform.config.ConfigException;
import dev.rampart.platform.config.ConfigLoader;
import dev.rampart.platform.config.LoadedConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar rampart.jar [config/rampart.yaml]}: loads and validates the configuration
 * (refusing to start with every problem listed), starts Vert.x with Prometheus metrics, boots the
 * {@link Kernel}, and stops it on SIGTERM.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    Path configFile = Path.of(args.length > 0 ? args[0] : System.getenv().getOrDefault("RAMPART_CONFIG", "config/rampart.yaml"));
    LoadedConfig config;
    try {
      config = ConfigLoader.load(configFile, System.getenv());
    } catch (ConfigException e) {
      System.err.println("Rampart cannot start: invalid configuration");
      e.problems().forEach(problem -> System.err.println("  " + problem));
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.builder().with(vertxOptions()).build();
    Kernel kernel;
    try {
      kernel = Kernel.boot(vertx, config, System.getenv()).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      System.err.println("Rampart cannot start: " + cause.getMessage());
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("shutting down");
      try {
        kernel.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        // closed from this thread, not composed on an event loop: the loop is gone by the time
        // close completes, and a listener on it would be rejected
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("shutdown did not finish cleanly: {}", e.toString());
      }
    }, "rampart-shutdown"));
  }

  /**
   * Vert.x with Prometheus metrics labelled by route template, never by raw path, with histogram
   * buckets so dashboards and SLO rules can compute percentiles.
   */
  public static VertxOptions vertxOptions() {
    return new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.EB_ADDRESS, Label.EB_FAILURE))
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true).setPublishQuantiles(true)));
  }
}
