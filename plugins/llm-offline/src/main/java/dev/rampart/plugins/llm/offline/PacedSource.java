package dev.rampart.plugins.llm.offline;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.llm.ChatChunk;
import dev.rampart.contracts.llm.UpstreamException;
import dev.rampart.plugins.llm.support.ChunkStream;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Plays a planned answer into a stream: the first chunk after the latency, then one chunk per
 * {@code tokens / tokens-per-second}, all on Vert.x timers (nothing sleeps). With no pacing the
 * chunks are pushed at once, as far as the consumer's demand allows. Paused by the stream when
 * the consumer stops reading; a chunk that falls due meanwhile waits for the resume.
 */
final class PacedSource implements ChunkStream.Source {

  private final Vertx vertx;
  private final List<ChatChunk> chunks;
  private final Optional<UpstreamException> failFirst;
  private final OptionalInt failAfterChunks;
  private final long latencyMs;
  private final double tokensPerSecond;
  private ChunkStream sink;
  private int next;
  private boolean paused;
  private boolean due;
  private boolean cancelled;
  private long timer = -1;

  PacedSource(Vertx vertx, List<ChatChunk> chunks, Optional<UpstreamException> failFirst, OptionalInt failAfterChunks,
      long latencyMs, double tokensPerSecond) {
    this.vertx = vertx;
    this.chunks = chunks;
    this.failFirst = failFirst;
    this.failAfterChunks = failAfterChunks;
    this.latencyMs = latencyMs;
    this.tokensPerSecond = tokensPerSecond;
  }

  @Override
  public void start(ChunkStream sink) {
    this.sink = sink;
    schedule(latencyMs);
  }

  @Override
  public void pause() {
    paused = true;
  }

  @Override
  public void resume() {
    paused = false;
    if (due) {
      due = false;
      step();
    }
  }

  @Override
  public void cancel() {
    cancelled = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void schedule(long delayMs) {
    if (delayMs <= 0) {
      step();
    } else {
      timer = vertx.setTimer(delayMs, t -> {
        timer = -1;
        step();
      });
    }
  }

  /** Emits what is due: one chunk when paced, otherwise as many as the consumer takes. */
  private void step() {
    while (!cancelled && !sink.isTerminated()) {
      if (paused) {
        due = true;
        return;
      }
      if (failFirst.isPresent()) {
        sink.fail(failFirst.get());
        return;
      }
      if (failAfterChunks.isPresent() && next >= failAfterChunks.getAsInt() && next < chunks.size()) {
        sink.fail(new UpstreamException(ErrorCode.UPSTREAM_FAILED, "offline stream cut after " + next + " chunks (fail-after-chunks)",
            0, Optional.empty(), true));
        return;
      }
      ChatChunk chunk = chunks.get(next++);
      sink.push(chunk);
      if (next == chunks.size()) {
        sink.end();
        return;
      }
      if (tokensPerSecond > 0) {
        long tokens = Math.max(1, TokenEstimate.of(chunk.delta()) + chunk.toolCalls().stream().mapToLong(d -> TokenEstimate.of(d.arguments())).sum());
        timer = vertx.setTimer(Math.max(1, Math.round(tokens * 1000 / tokensPerSecond)), t -> {
          timer = -1;
          step();
        });
        return;
      }
    }
  }
}
