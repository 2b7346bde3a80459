package dev.rampart.platform.llm;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.llm.ChatChunk;
import dev.rampart.contracts.llm.ModelInfo;
import dev.rampart.contracts.llm.UpstreamException;
import dev.rampart.contracts.llm.Usage;
import dev.rampart.platform.guard.TextGuard;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streamed provider call relayed to a door: the provider's chunks go through the output guard
 * and the door's {@link StreamEncoder} into a bounded queue that the door reads with ordinary
 * {@link ReadStream} back-pressure; when the queue fills, the provider stream is paused.
 *
 * <p>Life: <em>opening</em> until the first chunk ({@link #firstToken()}), then <em>waiting</em>
 * (upstream paused) until the gateway {@link #begin begins} it, then <em>streaming</em>. A failure
 * before the first chunk fails {@link #firstToken()} (the gateway may fall back); a failure after
 * it — upstream error, total time limit, budget spent — ends the stream with an exception after the
 * events already queued, never with a silent end. {@link #settled()} completes once in every case
 * with what was used, for accounting.
 */
final class ChatFlow implements ReadStream<JsonObject> {

  private static final Logger LOG = LoggerFactory.getLogger(ChatFlow.class);
  private static final int HIGH_WATER = 64;
  private static final int LOW_WATER = 16;

  /**
   * What a stream used, whatever its end.
   *
   * @param usage tokens (reported by the provider, else estimated from the text)
   * @param costUsd cost
   * @param failure why it did not complete, if it did not
   * @param started whether the first token arrived
   */
  record Settlement(Usage usage, double costUsd, Optional<RampartException> failure, boolean started) {}

  /** Charges the call's budget reservation more as the answer outgrows it. */
  @FunctionalInterface
  interface Charge {
    /** Fails (with {@code BUDGET_EXCEEDED}) and charges nothing when the tenant's budget cannot cover it. */
    Future<Void> extend(double deltaUsd, long deltaTokens);
  }

  private enum State { OPENING, WAITING, STREAMING, ENDED, FAILED }

  private final Vertx vertx;
  // fully qualified: this package has its own ChatStream (what the doors read)
  private final dev.rampart.contracts.llm.ChatStream upstream;
  private final ModelInfo model;
  private final long promptTokens;
  private final Charge charge;
  private final Promise<Void> firstToken = Promise.promise();
  private final Promise<Settlement> settled = Promise.promise();
  private final long startedNanos = System.nanoTime();
  private final List<ChatChunk> pending = new ArrayList<>();
  private final ArrayDeque<JsonObject> queue = new ArrayDeque<>();
  private final long totalTimer;

  private State state = State.OPENING;
  private boolean pendingEnd;
  private long firstTokenNanos = -1;
  private TextGuard.StreamGuard guard;
  private StreamEncoder encoder;
  private StreamEncoder.StreamInfo info;
  private List<GuardFinding> findings = List.of();
  private long completionChars;
  private Optional<Usage> reportedUsage = Optional.empty();
  private String finishReason = "stop";
  private boolean upstreamPaused;
  private RampartException failure;
  private boolean delivered;
  private boolean draining;
  // what the budget holds for this call: the reservation, then each extension granted
  private double chargedUsd;
  private long chargedTokens;
  private boolean charging;
  private long demand = Long.MAX_VALUE;
  private Handler<JsonObject> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;

  /**
   * @param upstream the provider's stream, not yet read
   * @param model the model answering, for prices
   * @param promptTokens estimated prompt tokens, for cost while the provider has not reported usage
   * @param reservedUsd the cost the call's reservation holds
   * @param reservedTokens the tokens it holds
   * @param charge takes more of the budget when the answer costs more than reserved
   * @param totalMs the total time limit of the call
   */
  ChatFlow(Vertx vertx, dev.rampart.contracts.llm.ChatStream upstream, ModelInfo model, long promptTokens, double reservedUsd,
      long reservedTokens, Charge charge, long totalMs) {
    this.vertx = vertx;
    this.upstream = upstream;
    this.model = model;
    this.promptTokens = promptTokens;
    this.chargedUsd = reservedUsd;
    this.chargedTokens = reservedTokens;
    this.charge = charge;
    this.totalTimer = vertx.setTimer(totalMs, id -> fail(new UpstreamException(ErrorCode.UPSTREAM_TIMEOUT,
        "the provider did not finish the stream within " + totalMs + " ms", 0, Optional.empty(), true)));
    upstream.exceptionHandler(this::upstreamFailed);
    upstream.endHandler(v -> upstreamEnded());
    upstream.handler(this::upstreamChunk);
  }

  /** Completes on the first chunk; fails when the stream fails or ends before it. */
  Future<Void> firstToken() {
    return firstToken.future();
  }

  /** Completes once, when the stream has ended, failed or been cancelled. */
  Future<Settlement> settled() {
    return settled.future();
  }

  /** Nanoseconds from the provider call to its first chunk, -1 before it. */
  long firstTokenNanos() {
    return firstTokenNanos;
  }

  /** Starts relaying after the first token: the door's encoder and what the stream is. */
  void begin(StreamEncoder encoder, StreamEncoder.StreamInfo info, TextGuard.StreamGuard guard, List<GuardFinding> inputFindings) {
    this.encoder = encoder;
    this.info = info;
    this.guard = guard;
    this.findings = List.copyOf(inputFindings);
    if (state != State.WAITING) {
      return;
    }
    state = State.STREAMING;
    List<ChatChunk> early = List.copyOf(pending);
    pending.clear();
    early.forEach(this::relay);
    if (pendingEnd) {
      upstreamEnded();
    } else if (state == State.STREAMING) {
      upstreamPaused = false;
      upstream.resume();
    }
  }

  /** Gives up a stream that will not be used (a later attempt won, or the first token came too late). */
  void abandon(Throwable why) {
    fail(why instanceof RampartException re ? re
        : new RampartException(ErrorCode.UPSTREAM_FAILED, "the stream was abandoned"));
  }

  /** The client went away. */
  void cancel() {
    fail(new RampartException(ErrorCode.UPSTREAM_FAILED, "the client cancelled the stream"));
  }

  private void upstreamChunk(ChatChunk chunk) {
    switch (state) {
      case OPENING -> {
        firstTokenNanos = System.nanoTime() - startedNanos;
        state = State.WAITING;
        pending.add(chunk);
        upstreamPaused = true;
        upstream.pause();
        firstToken.tryComplete();
      }
      case WAITING -> pending.add(chunk);
      case STREAMING -> relay(chunk);
      default -> { }
    }
  }

  private void relay(ChatChunk chunk) {
    if (state != State.STREAMING) {
      return; // failed by an earlier chunk of the same batch
    }
    completionChars += chunk.delta().length();
    chunk.usage().ifPresent(u -> reportedUsage = Optional.of(u));
    chunk.finishReason().ifPresent(r -> finishReason = r);
    List<JsonObject> events = List.of();
    try {
      String text = guard.push(chunk.delta());
      if (!text.isEmpty() || !chunk.toolCalls().isEmpty()) {
        events = encoder.chunk(info, new ChatChunk(text, chunk.toolCalls(), Optional.empty(), Optional.empty()));
      }
    } catch (RampartException blocked) {
      // the output guard refused the answer (or could not scan it): the stream ends here, with that error
      fail(blocked);
      return;
    }
    if (!events.isEmpty()) {
      enqueue(events);
    }
    chargeBeyondReservation();
  }

  /**
   * Charges the budget, as the answer goes, for what it costs beyond what is already held: parallel
   * calls of a tenant then share what is left of its budget rather than each spending all of it.
   * One charge at a time; a refused charge stops the stream (the chunk that passed the budget is
   * the overrun, settled with the real usage).
   */
  private void chargeBeyondReservation() {
    if (charging || state != State.STREAMING) {
      return;
    }
    Usage used = usage();
    double deltaUsd = model.cost(used) - chargedUsd;
    if (deltaUsd <= 0) {
      return;
    }
    long deltaTokens = Math.max(0, used.totalTokens() - chargedTokens);
    charging = true;
    charge.extend(deltaUsd, deltaTokens).onComplete(ar -> {
      charging = false;
      if (ar.succeeded()) {
        chargedUsd += deltaUsd;
        chargedTokens += deltaTokens;
        chargeBeyondReservation(); // chunks that came while the charge was under way
      } else {
        fail(ar.cause() instanceof RampartException re ? re
            : new RampartException(ErrorCode.BUDGET_EXCEEDED, "the budget ran out during the answer"));
      }
    });
  }

  private void upstreamEnded() {
    switch (state) {
      case OPENING -> {
        state = State.FAILED;
        failEarly(new UpstreamException(ErrorCode.UPSTREAM_FAILED, "the provider ended the stream before its first token",
            0, Optional.empty(), true));
      }
      case WAITING -> pendingEnd = true;
      case STREAMING -> {
        Usage usage = usage();
        double cost = model.cost(usage);
        List<JsonObject> last = new ArrayList<>();
        try {
          String tail = guard.finish();
          if (!tail.isEmpty()) {
            last.addAll(encoder.chunk(info, ChatChunk.text(tail)));
          }
          last.addAll(encoder.chunk(info, new ChatChunk("", List.of(), Optional.of(finishReason), Optional.of(usage))));
          last.addAll(encoder.end(info, new StreamEncoder.StreamSummary(finishReason, usage, cost, findings)));
        } catch (RampartException blocked) {
          fail(blocked);
          return;
        }
        queue.addAll(last);
        state = State.ENDED;
        vertx.cancelTimer(totalTimer);
        settled.tryComplete(new Settlement(usage, cost, Optional.empty(), true));
        drain();
      }
      default -> { }
    }
  }

  private void upstreamFailed(Throwable e) {
    RampartException why = e instanceof RampartException re ? re
        : new UpstreamException(ErrorCode.UPSTREAM_FAILED, "the provider's stream failed", 0, Optional.empty(), true);
    fail(why);
  }

  private void fail(RampartException why) {
    if (state == State.ENDED || state == State.FAILED) {
      return;
    }
    boolean started = state != State.OPENING;
    state = State.FAILED;
    vertx.cancelTimer(totalTimer);
    cancelUpstream();
    if (!started) {
      failEarly(why);
      return;
    }
    failure = why;
    Usage usage = usage();
    settled.tryComplete(new Settlement(usage, model.cost(usage), Optional.of(why), true));
    firstToken.tryFail(why);
    drain();
  }

  private void failEarly(RampartException why) {
    vertx.cancelTimer(totalTimer);
    cancelUpstream();
    firstToken.tryFail(why);
    settled.tryComplete(new Settlement(new Usage(0, 0), 0, Optional.of(why), false));
  }

  /** Closes the provider's call now rather than at its own time limit: nobody will read the rest. */
  private void cancelUpstream() {
    try {
      upstream.cancel();
    } catch (RuntimeException e) {
      // a provider's broken cancel must not keep the flow from failing; its timers still end the call
      LOG.debug("provider stream cancel failed: {}", e.getClass().getName());
    }
  }

  private Usage usage() {
    return reportedUsage.orElseGet(() -> new Usage(promptTokens, (completionChars + 3) / 4));
  }

  private void enqueue(List<JsonObject> events) {
    queue.addAll(events);
    if (queue.size() >= HIGH_WATER && !upstreamPaused && state == State.STREAMING) {
      upstreamPaused = true;
      upstream.pause();
    }
    drain();
  }

  private void drain() {
    if (draining) {
      return;
    }
    draining = true;
    try {
      while (demand > 0 && !queue.isEmpty() && handler != null) {
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        handler.handle(queue.poll());
      }
      if (upstreamPaused && state == State.STREAMING && queue.size() <= LOW_WATER) {
        upstreamPaused = false;
        upstream.resume();
      }
      if (queue.isEmpty() && !delivered && (state == State.ENDED || (state == State.FAILED && failure != null))) {
        delivered = true;
        if (state == State.ENDED) {
          if (endHandler != null) {
            endHandler.handle(null);
          }
        } else if (exceptionHandler != null) {
          exceptionHandler.handle(failure);
        }
      }
    } finally {
      draining = false;
    }
  }

  @Override
  public ChatFlow exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public ChatFlow handler(Handler<JsonObject> handler) {
    this.handler = handler;
    drain();
    return this;
  }

  @Override
  public ChatFlow pause() {
    demand = 0;
    return this;
  }

  @Override
  public ChatFlow resume() {
    demand = Long.MAX_VALUE;
    drain();
    return this;
  }

  @Override
  public ChatFlow fetch(long amount) {
    demand = demand == Long.MAX_VALUE || Long.MAX_VALUE - demand < amount ? Long.MAX_VALUE : demand + amount;
    drain();
    return this;
  }

  @Override
  public ChatFlow endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    drain();
    return this;
  }
}
