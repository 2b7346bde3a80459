package dev.rampart.plugins.llm.support;

import dev.rampart.contracts.llm.ChatChunk;
import dev.rampart.contracts.llm.UpstreamException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Joins futures and streams in provider tests, where the outcome is what is asserted. */
public final class Outcomes {

  private Outcomes() {}

  /** Everything a stream delivered, and how it ended. */
  public record Collected(List<ChatChunk> chunks, Optional<Throwable> failure) {

    public String text() {
      StringBuilder b = new StringBuilder();
      chunks.forEach(c -> b.append(c.delta()));
      return b.toString();
    }

    /** The arguments of tool call {@code index}, its fragments joined. */
    public String arguments(int index) {
      StringBuilder b = new StringBuilder();
      chunks.forEach(c -> c.toolCalls().stream().filter(d -> d.index() == index).forEach(d -> b.append(d.arguments())));
      return b.toString();
    }

    public ChatChunk last() {
      return chunks.get(chunks.size() - 1);
    }

    public UpstreamException upstreamFailure() {
      Throwable t = failure.orElseThrow(() -> new AssertionError("the stream ended without a failure"));
      if (t instanceof UpstreamException u) {
        return u;
      }
      throw new AssertionError("not an UpstreamException", t);
    }
  }

  /** Reads a stream to its end. */
  public static Future<Collected> collect(ReadStream<ChatChunk> stream) {
    Promise<Collected> done = Promise.promise();
    List<ChatChunk> chunks = new ArrayList<>();
    stream.exceptionHandler(e -> done.tryComplete(new Collected(List.copyOf(chunks), Optional.of(e))));
    stream.endHandler(v -> done.tryComplete(new Collected(List.copyOf(chunks), Optional.empty())));
    stream.handler(chunks::add);
    return done.future();
  }

  /** The result, within ten seconds. */
  public static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The UpstreamException a future failed with. */
  public static UpstreamException failureOf(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UpstreamException u) {
        return u;
      }
      throw new AssertionError("not an UpstreamException", e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("expected the call to fail");
  }
}
