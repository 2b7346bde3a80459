package dev.rampart.platform.http;

import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the caller's {@code X-Request-Id} when it is a sane token (else makes one), echoes it on
 * the response, and writes one access-log line per request with it.
 */
final class RequestIds implements PlatformHandler {

  static final String HEADER = "X-Request-Id";
  static final String KEY = "request-id";
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final Logger ACCESS = LoggerFactory.getLogger("rampart.access");

  @Override
  public void handle(RoutingContext rc) {
    String given = rc.request().getHeader(HEADER);
    String id = given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    rc.put(KEY, id);
    rc.response().putHeader(HEADER, id);
    long started = System.nanoTime();
    rc.addBodyEndHandler(v -> ACCESS.info("{} {} {} {}ms request-id={}",
        rc.request().method(), rc.request().path(), rc.response().getStatusCode(),
        (System.nanoTime() - started) / 1_000_000, id));
    rc.next();
  }

  static String of(RoutingContext rc) {
    return rc.get(KEY);
  }
}
