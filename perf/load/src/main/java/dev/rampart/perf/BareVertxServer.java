package dev.rampart.perf;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.UUID;

/**
 * The floor Rampart is compared with: the same route shape, a parsed JSON body and a JSON answer
 * of the same size, one verticle per event loop, and nothing else — no auth, no validation, no
 * storage. {@code java -jar bare-vertx.jar PORT}.
 */
public final class BareVertxServer extends VerticleBase {

  private final int port;

  BareVertxServer(int port) {
    this.port = port;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args.length > 0 ? args[0] : "18081");
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new BareVertxServer(port),
            new DeploymentOptions().setInstances(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE))
        .onSuccess(id -> System.out.println("bare vert.x ready on " + port))
        .onFailure(e -> { e.printStackTrace(); System.exit(1); });
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(1_048_576));
    router.post("/v1/conversations/:conversationId/messages").handler(rc -> {
      JsonObject body = rc.body().asJsonObject();
      JsonObject message = new JsonObject()
          .put("id", "m_" + UUID.randomUUID().toString().replace("-", ""))
          .put("conversation-id", rc.pathParam("conversationId"))
          .put("seq", 1)
          .put("role", body.getString("role"))
          .put("content", body.getString("content"))
          .put("metadata", new JsonObject())
          .put("created-at", Instant.now().toString());
      rc.response().setStatusCode(201).putHeader("content-type", "application/json").end(message.toBuffer());
    });
    // the same shape and size as an offline-provider answer from /v1/chat/completions
    router.post("/v1/chat/completions").handler(rc -> {
      JsonObject body = rc.body().asJsonObject();
      String question = body.getJsonArray("messages").getJsonObject(0).getString("content");
      JsonObject answer = new JsonObject()
          .put("id", "chatcmpl-" + UUID.randomUUID().toString().replace("-", ""))
          .put("object", "chat.completion")
          .put("created", Instant.now().getEpochSecond())
          .put("model", body.getString("model"))
          .put("choices", new io.vertx.core.json.JsonArray().add(new JsonObject()
              .put("index", 0)
              .put("message", new JsonObject().put("role", "assistant")
                  .put("content", "Offline reply to \"" + question + "\": your message has 9 words."))
              .put("finish_reason", "stop")))
          .put("usage", new JsonObject().put("prompt_tokens", 16).put("completion_tokens", 18).put("total_tokens", 34));
      rc.response().putHeader("content-type", "application/json").end(answer.toBuffer());
    });
    router.get("/health/ready").handler(rc -> rc.response().end("{\"status\":\"UP\"}"));
    return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
  }
}
