package dev.rampart.platform.bus;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.bus.Addresses;
import dev.rampart.platform.api.ApiOperation;
import dev.rampart.platform.api.ContractInput;
import dev.rampart.platform.auth.Authenticator;
import dev.rampart.platform.auth.Caller;
import dev.rampart.platform.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The event-bus door: one consumer per {@link ApiOperation}, which authenticates the
 * {@value Addresses#AUTHORIZATION_HEADER} header, checks the body against the contract and calls
 * the same handler the HTTP route calls. Failures reply with the problem document as JSON text
 * and the HTTP status as failure code.
 */
public final class BusDoor {

  private final Vertx vertx;
  private final Authenticator authenticator;
  private final ContractInput input;
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();

  public BusDoor(Vertx vertx, Authenticator authenticator, ContractInput input) {
    this.vertx = vertx;
    this.authenticator = authenticator;
    this.input = input;
  }

  /** Registers a consumer per operation; completes when every registration has propagated. */
  public Future<Void> open(List<ApiOperation> operations) {
    List<Future<Void>> registered = new ArrayList<>();
    for (ApiOperation op : operations) {
      MessageConsumer<Object> consumer = vertx.eventBus().consumer(op.address(), msg -> serve(op, msg));
      consumers.add(consumer);
      registered.add(consumer.completion());
      op.streaming().flatMap(ApiOperation.Streaming::address).ifPresent(address -> {
        MessageConsumer<Object> streams = vertx.eventBus().consumer(address, msg -> serveStream(op, msg));
        consumers.add(streams);
        registered.add(streams.completion());
      });
    }
    return Future.all(registered).mapEmpty();
  }

  public Future<Void> close() {
    return Future.join(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  private void serve(ApiOperation op, Message<Object> msg) {
    if (!(msg.body() instanceof JsonObject request)) {
      fail(msg, Problem.of(ErrorCode.MALFORMED_JSON, "the message body must be a JSON object"));
      return;
    }
    Future<Caller> caller = op.authenticated()
        ? authenticator.authenticate(msg.headers().get(Addresses.AUTHORIZATION_HEADER))
        : Future.succeededFuture(null);
    caller
        .compose(c -> {
          List<String> problems = input.problems(op.operationId(), request);
          if (!problems.isEmpty()) {
            return Future.failedFuture(
                new Problem(ErrorCode.VALIDATION_FAILED, "the request does not match the contract", problems).toException());
          }
          if (op.streams(request)) {
            return Future.failedFuture(Problem.of(ErrorCode.VALIDATION_FAILED, "streamed requests go to "
                + op.streaming().flatMap(ApiOperation.Streaming::address).orElse("HTTP")).toException());
          }
          return op.invoke(c, request);
        })
        .onSuccess(msg::reply)
        .onFailure(e -> fail(msg, Problem.from(e)));
  }

  private void serveStream(ApiOperation op, Message<Object> msg) {
    String to = msg.headers().get(Addresses.STREAM_TO_HEADER);
    if (!(msg.body() instanceof JsonObject body)) {
      fail(msg, Problem.of(ErrorCode.MALFORMED_JSON, "the message body must be a JSON object"));
      return;
    }
    if (to == null || to.isBlank()) {
      fail(msg, Problem.of(ErrorCode.VALIDATION_FAILED, "a streamed request needs the header '"
          + Addresses.STREAM_TO_HEADER + "' naming the address the chunks go to"));
      return;
    }
    JsonObject request = body.copy().put("stream", true);
    authenticator.authenticate(msg.headers().get(Addresses.AUTHORIZATION_HEADER))
        .compose(c -> {
          String own = Addresses.STREAM_ADDRESS_PREFIX + c.tenantId() + ".";
          if (!to.startsWith(own) || to.length() == own.length()) {
            return Future.failedFuture(Problem.of(ErrorCode.VALIDATION_FAILED, "'" + Addresses.STREAM_TO_HEADER
                + "' must be an address of your own, starting with " + own).toException());
          }
          List<String> problems = input.problems(op.operationId(), request);
          if (!problems.isEmpty()) {
            return Future.failedFuture(
                new Problem(ErrorCode.VALIDATION_FAILED, "the request does not match the contract", problems).toException());
          }
          return op.openStream(c, request);
        })
        .onSuccess(stream -> {
          String streamId = java.util.UUID.randomUUID().toString();
          msg.reply(stream.start().copy().put("stream-id", streamId));
          new BusStreamSender(vertx, to, streamId, stream).start();
        })
        .onFailure(e -> fail(msg, Problem.from(e)));
  }

  private static void fail(Message<Object> msg, Problem problem) {
    msg.fail(problem.status(), problem.toJson(null).encode());
  }
}
