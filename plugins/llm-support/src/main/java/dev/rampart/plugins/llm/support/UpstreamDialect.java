package dev.rampart.plugins.llm.support;

import dev.rampart.contracts.llm.UpstreamException;
import io.vertx.core.MultiMap;
import java.time.Duration;
import java.util.Optional;

/** What differs between upstream APIs at the HTTP level: credentials and error bodies. */
public interface UpstreamDialect {

  /** Adds the credential (when there is a key) and any fixed headers the API requires. */
  void authorize(MultiMap headers, Optional<ApiKey> key);

  /** The failure for a non-2xx answer; usually {@link UpstreamFailures#forStatus} after reading the error body. */
  UpstreamException failure(UpstreamResponse response, Optional<Duration> retryAfter);
}
