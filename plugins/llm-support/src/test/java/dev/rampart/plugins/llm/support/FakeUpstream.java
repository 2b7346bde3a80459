package dev.rampart.plugins.llm.support;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A real HTTP server for provider tests: it records every request (headers and body) and answers
 * with whatever the test's {@link Responder} writes, in the upstream's own wire format.
 */
public final class FakeUpstream {

  /** A request the server received. */
  public record Received(HttpMethod method, String path, MultiMap headers, Buffer body) {
    public JsonObject json() {
      return new JsonObject(body);
    }
  }

  /** Writes the answer to one request. */
  public interface Responder {
    void respond(Received request, HttpServerRequest raw);
  }

  private final HttpServer server;
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private volatile Responder responder;

  private FakeUpstream(HttpServer server, Responder responder) {
    this.server = server;
    this.responder = responder;
  }

  /** Starts a server on a free port. */
  public static Future<FakeUpstream> start(Vertx vertx, Responder responder) {
    HttpServer server = vertx.createHttpServer();
    FakeUpstream fake = new FakeUpstream(server, responder);
    server.requestHandler(req -> req.body().onSuccess(body -> {
      Received r = new Received(req.method(), req.path(), MultiMap.caseInsensitiveMultiMap().addAll(req.headers()), body);
      fake.received.add(r);
      fake.responder.respond(r, req);
    }));
    return server.listen(0, "127.0.0.1").map(s -> fake);
  }

  /** Answers later requests differently. */
  public void respondWith(Responder next) {
    this.responder = next;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  public Future<Void> close() {
    return server.close();
  }

  /** A JSON answer. */
  public static void json(HttpServerRequest raw, int status, JsonObject body) {
    raw.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }

  /** Starts an event stream: status 200 and headers, no body yet. */
  public static HttpServerResponse eventStream(HttpServerRequest raw) {
    HttpServerResponse resp = raw.response().setStatusCode(200).setChunked(true)
        .putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
    resp.writeHead();
    return resp;
  }

  /** One {@code data:} event, optionally named. */
  public static Buffer event(String name, String data) {
    return Buffer.buffer((name == null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n");
  }
}
