package dev.rampart.plugins.llm.support;

import dev.rampart.contracts.llm.ChatChunk;
import dev.rampart.contracts.llm.ChatStream;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A {@link ChatStream} of chunks fed by a {@link Source}, with back-pressure both ways: the
 * consumer's {@code pause}/{@code fetch} bound what it is handed, and the source is paused once
 * {@code highWater} chunks wait undelivered, then resumed when the queue is empty again.
 *
 * <p>Everything runs on one Vert.x context (the caller's when the stream was made): consumer
 * calls from another thread are moved onto it. The source starts when the first data handler is
 * set, so a stream nobody reads costs nothing. The stream ends exactly once: with
 * {@link #end()} after every queued chunk, or with {@link #fail} (after the chunks already
 * queued), never silently — unless the consumer {@link #cancel() cancels} it, which stops the
 * source and calls no handler again.
 */
public final class ChunkStream implements ChatStream {

  /** What produces the chunks. All calls arrive on the stream's context. */
  public interface Source {
    /** Begin producing into {@code sink} with {@link #push}, then {@link #end} or {@link #fail}. */
    void start(ChunkStream sink);

    /** Stop producing until {@link #resume()}; chunks already in flight may still be pushed. */
    void pause();

    /** Produce again after {@link #pause()}. */
    void resume();

    /** The stream has ended or failed: release whatever is still open. */
    void cancel();
  }

  private final Context context;
  private final Source source;
  private final int highWater;
  private final Deque<ChatChunk> queue = new ArrayDeque<>();
  private Handler<ChatChunk> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private long demand = Long.MAX_VALUE;
  private boolean started;
  private boolean sourcePaused;
  private boolean ended;
  private Throwable failure;
  private boolean finished;
  private boolean draining;
  private boolean cancelled;

  /**
   * @param context where every handler runs
   * @param source what produces the chunks
   * @param highWater undelivered chunks at which the source is paused (at least 1)
   */
  public ChunkStream(Context context, Source source, int highWater) {
    this.context = context;
    this.source = source;
    this.highWater = Math.max(1, highWater);
  }

  @Override
  public ChunkStream handler(Handler<ChatChunk> h) {
    onContext(() -> {
      handler = h;
      if (h != null && !started && !cancelled) {
        started = true;
        source.start(this);
      }
      drain();
    });
    return this;
  }

  @Override
  public ChunkStream exceptionHandler(Handler<Throwable> h) {
    onContext(() -> exceptionHandler = h);
    return this;
  }

  @Override
  public ChunkStream endHandler(Handler<Void> h) {
    onContext(() -> endHandler = h);
    return this;
  }

  @Override
  public ChunkStream pause() {
    onContext(() -> demand = 0);
    return this;
  }

  @Override
  public ChunkStream resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ChunkStream fetch(long amount) {
    onContext(() -> {
      if (amount > 0) {
        demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
      }
      drain();
    });
    return this;
  }

  /**
   * Consumer side: gives the stream up. The source is cancelled unless the stream already ended or
   * failed (then it has released what it held, or is reading the last bytes so its connection can
   * be reused); undelivered chunks are dropped and no handler runs again.
   */
  @Override
  public void cancel() {
    onContext(() -> {
      if (cancelled) {
        return;
      }
      cancelled = true;
      queue.clear();
      boolean wasTerminated = ended || failure != null;
      finished = true;
      if (started && !wasTerminated) {
        source.cancel();
      }
    });
  }

  /** Producer side: one more chunk. Ignored once the stream has ended, failed or been cancelled. */
  public void push(ChatChunk chunk) {
    if (ended || failure != null || cancelled) {
      return;
    }
    queue.add(chunk);
    drain();
    if (!sourcePaused && queue.size() >= highWater && !finishedOrEnding()) {
      sourcePaused = true;
      source.pause();
    }
  }

  /** Producer side: no more chunks; the end handler runs after the queued ones are delivered. */
  public void end() {
    if (ended || failure != null || cancelled) {
      return;
    }
    ended = true;
    drain();
  }

  /**
   * Producer side: the stream failed; the exception handler runs after the queued chunks are
   * delivered, and the source is cancelled. Ignored once the stream has ended or failed.
   */
  public void fail(Throwable cause) {
    if (ended || failure != null || cancelled) {
      return;
    }
    failure = cause;
    source.cancel();
    drain();
  }

  /** Whether {@link #end()} or {@link #fail} has been called, or the consumer cancelled. */
  public boolean isTerminated() {
    return ended || failure != null || cancelled;
  }

  /** The context every handler runs on. */
  public Context context() {
    return context;
  }

  private boolean finishedOrEnding() {
    return ended || failure != null || cancelled;
  }

  private void drain() {
    if (draining) {
      return; // a handler called fetch/push re-entrantly: the loop below carries on
    }
    draining = true;
    try {
      boolean resumed;
      do {
        while (handler != null && demand > 0 && !queue.isEmpty()) {
          if (demand != Long.MAX_VALUE) {
            demand--;
          }
          handler.handle(queue.poll());
        }
        resumed = false;
        if (sourcePaused && queue.isEmpty() && !finishedOrEnding()) {
          sourcePaused = false;
          resumed = true;
          source.resume(); // may push synchronously: deliver that too before leaving
        }
      } while (resumed);
      if (queue.isEmpty() && !finished && handler != null && finishedOrEnding()) {
        finished = true;
        if (failure != null) {
          if (exceptionHandler != null) {
            exceptionHandler.handle(failure);
          }
        } else if (endHandler != null) {
          endHandler.handle(null);
        }
      }
    } finally {
      draining = false;
    }
  }

  private void onContext(Runnable action) {
    if (context == Vertx.currentContext()) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
