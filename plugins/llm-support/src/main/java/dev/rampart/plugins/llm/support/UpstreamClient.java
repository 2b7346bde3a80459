package dev.rampart.plugins.llm.support;

import dev.rampart.contracts.llm.UpstreamException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * One attempt at an upstream call, plain or streamed, with the instance's key pool and time
 * limits: {@code connect-timeout-ms} to get a connection, {@code total-timeout-ms} for the whole
 * call, and for streams {@code first-token-timeout-ms} from sending the request to the first
 * event. A plain call has no first-token limit: upstreams send nothing until the answer is whole.
 *
 * <p>Streams are read with back-pressure: when the consumer stops reading and
 * {@value #STREAM_HIGH_WATER} chunks wait, the HTTP response is paused (TCP pushes back on the
 * upstream). The total limit keeps running while a consumer holds a stream paused: an upstream
 * connection is never held open longer than {@code total-timeout-ms}.
 *
 * <p>Nothing here retries. Keys and bodies are never logged; failures carry statuses and error
 * types only.
 */
public final class UpstreamClient {

  /** Chunks queued for a slow consumer before the upstream response is paused. */
  private static final int STREAM_HIGH_WATER = 32;
  private static final int MAX_EVENT_LINE_BYTES = 4 * 1024 * 1024;

  private final Vertx vertx;
  private final HttpProviderSettings settings;
  private final ApiKeyPool keys;
  private final UpstreamDialect dialect;
  private final Clock clock;
  private final HttpClient http;

  /** The client a provider instance uses: its key pool built from the settings, the system clock. */
  public static UpstreamClient of(Vertx vertx, HttpProviderSettings settings, UpstreamDialect dialect) {
    ApiKeyPool keys = new ApiKeyPool(settings.apiKeys(), Duration.ofSeconds(settings.benchSeconds()),
        settings.rateLimitsBeforeBench(), System::nanoTime);
    return new UpstreamClient(vertx, settings, keys, dialect, Clock.systemUTC());
  }

  public UpstreamClient(Vertx vertx, HttpProviderSettings settings, ApiKeyPool keys, UpstreamDialect dialect, Clock clock) {
    this.vertx = vertx;
    this.settings = settings;
    this.keys = keys;
    this.dialect = dialect;
    this.clock = clock;
    this.http = vertx.createHttpClient(
        new HttpClientOptions().setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.connectTimeoutMs())),
        new PoolOptions().setHttp1MaxSize(settings.maxConnections()));
  }

  /** The key pool, for health reports. */
  public ApiKeyPool keys() {
    return keys;
  }

  /**
   * Sends a request and reads the whole answer. Succeeds with a 2xx answer only; otherwise fails
   * with an {@link UpstreamException}.
   */
  public Future<UpstreamResponse> call(HttpMethod method, String path, Optional<Buffer> body) {
    if (!Context.isOnVertxThread()) {
      // Called from a plain thread (a test, a blocking caller): make the request from an event
      // loop. Vert.x 5.0.8's client pool was seen to lose a request now and then when requests
      // come from plain threads (one in ~60 sequential calls never got an answer).
      Promise<UpstreamResponse> hopped = Promise.promise();
      vertx.getOrCreateContext().runOnContext(v -> callOnContext(method, path, body).onComplete(hopped));
      return hopped.future();
    }
    return callOnContext(method, path, body);
  }

  private Future<UpstreamResponse> callOnContext(HttpMethod method, String path, Optional<Buffer> body) {
    Optional<ApiKey> key;
    try {
      key = keys.next();
    } catch (UpstreamException allBenched) {
      return Future.failedFuture(allBenched);
    }
    Promise<UpstreamResponse> promise = Promise.promise();
    HttpClientRequest[] sent = new HttpClientRequest[1];
    long timer = vertx.setTimer(settings.totalTimeoutMs(), t -> {
      if (promise.tryFail(UpstreamFailures.timeout("total", settings.totalTimeoutMs())) && sent[0] != null) {
        sent[0].reset();
      }
    });
    http.request(options(method, path, key))
        .compose(req -> {
          sent[0] = req;
          return body.isPresent() ? req.send(body.get()) : req.send();
        })
        .compose(resp -> resp.body().map(b -> new UpstreamResponse(resp.statusCode(), resp.headers(), b)))
        .onComplete(done -> {
          vertx.cancelTimer(timer);
          if (done.failed()) {
            promise.tryFail(UpstreamFailures.io(done.cause(), settings.connectTimeoutMs()));
            return;
          }
          UpstreamResponse resp = done.result();
          Optional<UpstreamException> failure = judge(key, resp.status(), resp.headers(), resp);
          if (failure.isPresent()) {
            promise.tryFail(failure.get());
          } else {
            promise.tryComplete(resp);
          }
        });
    return promise.future();
  }

  /**
   * A streamed call ({@code text/event-stream}) whose events {@code decoder} turns into chunks.
   * The request is sent when the consumer sets its handler.
   */
  public ChunkStream stream(String path, Buffer body, SseDecoder decoder) {
    Context context = vertx.getOrCreateContext();
    return new ChunkStream(context, new SseSource(path, body, decoder), STREAM_HIGH_WATER);
  }

  /** Closes the connection pool. */
  public Future<Void> close() {
    return http.close();
  }

  private RequestOptions options(HttpMethod method, String path, Optional<ApiKey> key) {
    RequestOptions options = new RequestOptions()
        .setMethod(method)
        .setAbsoluteURI(settings.baseUrl() + path)
        .setConnectTimeout(settings.connectTimeoutMs());
    MultiMap headers = HttpHeaders.headers();
    headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
    headers.set(HttpHeaders.ACCEPT, "application/json, text/event-stream");
    settings.extraHeaders().forEach(headers::set);
    dialect.authorize(headers, key);
    options.setHeaders(headers);
    return options;
  }

  /** Reports the outcome to the key pool; the failure when the status is not 2xx. */
  private Optional<UpstreamException> judge(Optional<ApiKey> key, int status, MultiMap headers, UpstreamResponse errorBody) {
    Optional<Duration> retryAfter = status == 429 || status >= 500 ? RetryAfter.from(headers, clock) : Optional.empty();
    key.ifPresent(k -> {
      if (status == 401 || status == 403) {
        keys.refused(k);
      } else if (status == 429) {
        keys.rateLimited(k, retryAfter);
      } else {
        keys.succeeded(k);
      }
    });
    if (status >= 200 && status < 300) {
      return Optional.empty();
    }
    return Optional.of(dialect.failure(errorBody, retryAfter));
  }

  /** Feeds one streamed HTTP exchange into a {@link ChunkStream}. Runs on the stream's context. */
  private final class SseSource implements ChunkStream.Source {

    private final String path;
    private final Buffer body;
    private final SseDecoder decoder;
    private HttpClientRequest request;
    private HttpClientResponse response;
    private boolean paused;
    private boolean firstEventSeen;
    private boolean exchangeComplete;
    private long firstTokenTimer = -1;
    private long totalTimer = -1;

    SseSource(String path, Buffer body, SseDecoder decoder) {
      this.path = path;
      this.body = body;
      this.decoder = decoder;
    }

    @Override
    public void start(ChunkStream sink) {
      Optional<ApiKey> key;
      try {
        key = keys.next();
      } catch (UpstreamException allBenched) {
        sink.fail(allBenched);
        return;
      }
      firstTokenTimer = vertx.setTimer(settings.firstTokenTimeoutMs(),
          t -> sink.fail(UpstreamFailures.timeout("first-token", settings.firstTokenTimeoutMs())));
      totalTimer = vertx.setTimer(settings.totalTimeoutMs(),
          t -> sink.fail(UpstreamFailures.timeout("total", settings.totalTimeoutMs())));
      http.request(options(HttpMethod.POST, path, key))
          .compose(req -> {
            request = req;
            if (sink.isTerminated()) {
              req.reset();
              return Future.failedFuture(UpstreamFailures.cut(0));
            }
            return req.send(body);
          })
          .onFailure(err -> sink.fail(UpstreamFailures.io(err, settings.connectTimeoutMs())))
          .onSuccess(resp -> onResponse(sink, key, resp));
    }

    private void onResponse(ChunkStream sink, Optional<ApiKey> key, HttpClientResponse resp) {
      if (resp.statusCode() < 200 || resp.statusCode() >= 300) {
        resp.body().onComplete(read -> {
          exchangeComplete = true;
          UpstreamResponse whole = new UpstreamResponse(resp.statusCode(), resp.headers(), read.succeeded() ? read.result() : Buffer.buffer());
          judge(key, resp.statusCode(), resp.headers(), whole).ifPresent(sink::fail);
        });
        return;
      }
      judge(key, resp.statusCode(), resp.headers(), null);
      response = resp;
      if (paused) {
        resp.pause();
      }
      SseParser parser = new SseParser(event -> onEvent(sink, event), MAX_EVENT_LINE_BYTES);
      resp.handler(buffer -> {
        if (sink.isTerminated()) {
          return;
        }
        try {
          parser.feed(buffer);
        } catch (IllegalStateException tooLong) {
          sink.fail(UpstreamFailures.malformed(tooLong.getMessage()));
        }
      });
      resp.exceptionHandler(err -> sink.fail(UpstreamFailures.cut(resp.statusCode())));
      resp.endHandler(v -> {
        exchangeComplete = true;
        // an upstream that closes without its end marker has cut the answer short
        sink.fail(UpstreamFailures.cut(resp.statusCode()));
      });
    }

    private void onEvent(ChunkStream sink, SseEvent event) {
      if (sink.isTerminated()) {
        return;
      }
      if (!firstEventSeen) {
        firstEventSeen = true;
        vertx.cancelTimer(firstTokenTimer);
      }
      try {
        decoder.onEvent(event, sink);
      } catch (RuntimeException bad) {
        sink.fail(bad instanceof UpstreamException u ? u : UpstreamFailures.malformed(bad.getClass().getSimpleName()));
      }
      if (sink.isTerminated()) {
        cancelTimers();
        response.resume(); // read what is left so the connection returns to the pool
      }
    }

    @Override
    public void pause() {
      paused = true;
      if (response != null) {
        response.pause();
      }
    }

    @Override
    public void resume() {
      paused = false;
      if (response != null) {
        response.resume();
      }
    }

    @Override
    public void cancel() {
      cancelTimers();
      if (request != null && !exchangeComplete) {
        request.reset(); // closes the connection: the upstream stops generating for nobody
      }
    }

    private void cancelTimers() {
      vertx.cancelTimer(firstTokenTimer);
      vertx.cancelTimer(totalTimer);
    }
  }
}
