package dev.rampart.platform.testplugins;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.Health;
import dev.rampart.contracts.llm.ChatChunk;
import dev.rampart.contracts.llm.ChatMessage;
import dev.rampart.contracts.llm.ChatRequest;
import dev.rampart.contracts.llm.ChatResult;
import dev.rampart.contracts.llm.ChatStream;
import dev.rampart.contracts.llm.LlmProvider;
import dev.rampart.contracts.llm.ModelInfo;
import dev.rampart.contracts.llm.ToolCall;
import dev.rampart.contracts.llm.UpstreamException;
import dev.rampart.contracts.llm.Usage;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A provider whose behaviour its settings choose, for gateway tests:
 * <pre>
 * models:       [{id, context-window, input-price, output-price}]
 * mode:         ok | tools | fail | fail-stream-late | fail-stream-early | hang | stall (streams: the first chunk, then nothing)
 * reply:        the answer text (ok); chunks: how many pieces it is streamed in
 * fail-code:    the ErrorCode name failures use (default UPSTREAM_FAILED)
 * fail-times:   fail only the first n calls, then behave as ok (default: always)
 * retry-after-ms: the Retry-After a failure carries
 * delay-ms:     wait before answering
 * </pre>
 * The mode can be switched at run time through the shared local map {@code test-provider-mode}
 * (key: instance name), and every call is published on {@code test.provider.calls} as
 * {@code {instance, at-ms, model}} so tests can see when attempts happened; a stream the kernel
 * cancels is published on {@code test.provider.cancelled} as {@code {instance, call}}.
 */
public class ScriptedProvider implements LlmProvider {

  private Vertx vertx;
  private String name;
  private JsonObject settings;
  private int calls;

  @Override
  public String type() {
    return "scripted";
  }

  @Override
  public Future<Void> start(ExtensionContext context, JsonObject settings) {
    this.vertx = context.vertx();
    this.name = context.instanceName();
    this.settings = settings;
    return Future.succeededFuture();
  }

  @Override
  public Future<Health> health() {
    return Future.succeededFuture(Health.up());
  }

  @Override
  public Future<List<ModelInfo>> models() {
    List<ModelInfo> models = new ArrayList<>();
    for (Object o : settings.getJsonArray("models", new JsonArray())) {
      JsonObject m = (JsonObject) o;
      models.add(new ModelInfo(m.getString("id"), m.getInteger("context-window", 8192), m.getDouble("input-price", 1.0),
          m.getDouble("output-price", 2.0), true, true));
    }
    return Future.succeededFuture(models);
  }

  private String mode() {
    Object switched = vertx.sharedData().getLocalMap("test-provider-mode").get(name);
    String mode = switched != null ? switched.toString() : settings.getString("mode", "ok");
    int failTimes = settings.getInteger("fail-times", -1);
    if (failTimes >= 0 && calls > failTimes) {
      return "ok";
    }
    return mode;
  }

  private void publish(ChatRequest request) {
    calls++;
    vertx.eventBus().publish("test.provider.calls", new JsonObject().put("instance", name)
        .put("at-ms", System.currentTimeMillis()).put("model", request.model()).put("call", calls)
        .put("timeouts", request.options().getJsonObject("timeouts")));
  }

  private UpstreamException failure() {
    long retryAfter = settings.getLong("retry-after-ms", -1L);
    return new UpstreamException(ErrorCode.valueOf(settings.getString("fail-code", "UPSTREAM_FAILED")), "scripted failure",
        500, retryAfter >= 0 ? Optional.of(Duration.ofMillis(retryAfter)) : Optional.empty(), true);
  }

  private Usage usage(ChatRequest request, String text) {
    long prompt = 0;
    for (ChatMessage m : request.messages()) {
      prompt += m.content().length();
    }
    return new Usage(Math.max(1, prompt / 4), Math.max(1, text.length() / 4));
  }

  @Override
  public Future<ChatResult> complete(ChatRequest request) {
    publish(request);
    String mode = mode();
    Promise<ChatResult> result = Promise.promise();
    long delay = settings.getLong("delay-ms", 0L);
    Handler<Long> answer = id -> {
      switch (mode) {
        case "hang" -> { }
        case "fail", "fail-stream-early", "fail-stream-late" -> result.fail(failure());
        case "tools" -> result.complete(new ChatResult(request.model(), new ChatMessage("assistant", "",
            List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")), Optional.empty()), "tool_calls",
            new Usage(10, 5)));
        default -> {
          String text = settings.getString("reply", "Hello from " + name);
          result.complete(new ChatResult(request.model(), ChatMessage.of("assistant", text), "stop", usage(request, text)));
        }
      }
    };
    if (delay > 0) {
      vertx.setTimer(delay, answer);
    } else {
      answer.handle(0L);
    }
    return result.future();
  }

  @Override
  public ChatStream stream(ChatRequest request) {
    publish(request);
    String mode = mode();
    JsonObject cancelled = new JsonObject().put("instance", name).put("call", calls);
    ScriptedStream stream = new ScriptedStream(vertx, () -> vertx.eventBus().publish("test.provider.cancelled", cancelled));
    long delay = Math.max(1, settings.getLong("delay-ms", 0L));
    switch (mode) {
      case "hang" -> { }
      case "stall" -> vertx.setTimer(delay, id -> stream.push(ChatChunk.text(settings.getString("reply", "Hello from " + name))));
      case "fail", "fail-stream-early" -> vertx.setTimer(delay, id -> stream.fail(failure()));
      case "tools" -> {
        stream.push(new ChatChunk("", List.of(new ChatChunk.ToolCallDelta(0, Optional.of("call_1"), Optional.of("get_weather"), "{\"ci")),
            Optional.empty(), Optional.empty()));
        stream.push(new ChatChunk("", List.of(new ChatChunk.ToolCallDelta(0, Optional.empty(), Optional.empty(), "ty\":\"Paris\"}")),
            Optional.empty(), Optional.empty()));
        stream.push(new ChatChunk("", List.of(), Optional.of("tool_calls"), Optional.of(new Usage(10, 5))));
        vertx.setTimer(delay, id -> stream.end());
      }
      default -> {
        String text = settings.getString("reply", "Hello from " + name);
        int pieces = settings.getInteger("chunks", 3);
        int size = Math.max(1, (text.length() + pieces - 1) / pieces);
        List<ChatChunk> chunks = new ArrayList<>();
        for (int i = 0; i < text.length(); i += size) {
          chunks.add(ChatChunk.text(text.substring(i, Math.min(text.length(), i + size))));
        }
        boolean late = "fail-stream-late".equals(mode);
        if (late) {
          chunks = chunks.subList(0, Math.min(2, chunks.size()));
        } else if (settings.getBoolean("report-usage", true)) {
          chunks.add(new ChatChunk("", List.of(), Optional.of("stop"), Optional.of(usage(request, text))));
        } else {
          chunks.add(new ChatChunk("", List.of(), Optional.of("stop"), Optional.empty()));
        }
        List<ChatChunk> toSend = chunks;
        vertx.setTimer(delay, id -> {
          toSend.forEach(stream::push);
          if (late) {
            vertx.setTimer(1, id2 -> stream.fail(failure()));
          } else {
            stream.end();
          }
        });
      }
    }
    return stream;
  }

  /** A stream with a queue and a demand counter, honouring pause/fetch; cancel is reported once. */
  public static final class ScriptedStream implements ChatStream {
    private final Vertx vertx;
    private final Runnable onCancel;
    private boolean cancelled;
    private final ArrayDeque<ChatChunk> queue = new ArrayDeque<>();
    private long demand = Long.MAX_VALUE;
    private boolean ended;
    private Throwable failure;
    private boolean done;
    private Handler<ChatChunk> handler;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;

    ScriptedStream(Vertx vertx, Runnable onCancel) {
      this.vertx = vertx;
      this.onCancel = onCancel;
    }

    @Override
    public void cancel() {
      vertx.runOnContext(v -> {
        if (!cancelled) {
          cancelled = true;
          queue.clear();
          done = true;
          onCancel.run();
        }
      });
    }

    void push(ChatChunk chunk) {
      queue.add(chunk);
      vertx.runOnContext(v -> drain());
    }

    void end() {
      ended = true;
      vertx.runOnContext(v -> drain());
    }

    void fail(Throwable e) {
      failure = e;
      vertx.runOnContext(v -> drain());
    }

    private void drain() {
      if (cancelled) {
        return;
      }
      while (demand > 0 && !queue.isEmpty() && handler != null) {
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        handler.handle(queue.poll());
      }
      if (queue.isEmpty() && !done) {
        if (failure != null && exceptionHandler != null) {
          done = true;
          exceptionHandler.handle(failure);
        } else if (ended && endHandler != null) {
          done = true;
          endHandler.handle(null);
        }
      }
    }

    @Override
    public ScriptedStream exceptionHandler(Handler<Throwable> handler) {
      this.exceptionHandler = handler;
      return this;
    }

    @Override
    public ScriptedStream handler(Handler<ChatChunk> handler) {
      this.handler = handler;
      vertx.runOnContext(v -> drain());
      return this;
    }

    @Override
    public ScriptedStream pause() {
      demand = 0;
      return this;
    }

    @Override
    public ScriptedStream resume() {
      demand = Long.MAX_VALUE;
      vertx.runOnContext(v -> drain());
      return this;
    }

    @Override
    public ScriptedStream fetch(long amount) {
      demand = demand == Long.MAX_VALUE ? Long.MAX_VALUE : demand + amount;
      vertx.runOnContext(v -> drain());
      return this;
    }

    @Override
    public ScriptedStream endHandler(Handler<Void> endHandler) {
      this.endHandler = endHandler;
      return this;
    }
  }
}
