package dev.rampart.platform.llm;

import static dev.rampart.contracts.bus.Addresses.CHAT;
import static dev.rampart.contracts.bus.Addresses.CHAT_COMPLETIONS;
import static dev.rampart.contracts.bus.Addresses.CHAT_STREAM;
import static dev.rampart.contracts.bus.Addresses.MODELS;
import static dev.rampart.contracts.bus.Addresses.USAGE;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.persistence.UsageTotal;
import dev.rampart.platform.api.ApiOperation;
import dev.rampart.platform.api.ApiReply;
import dev.rampart.platform.api.EventStream;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The gateway's operations: the OpenAI-compatible pair, Rampart's own chat, and usage. */
public final class LlmOperations {

  private static final String SERVER_TIMING = "Server-Timing";
  private static final long MAX_USAGE_DAYS = 366;

  private LlmOperations() {}

  public static List<ApiOperation> of(ChatGateway gateway, long bootEpochSeconds) {
    return List.of(
        new ApiOperation("createChatCompletion", CHAT_COMPLETIONS, 200, true,
            (caller, req) -> gateway.chat(caller.tenantId(), OpenAiWire.call(req))
                .map(a -> new ApiReply(OpenAiWire.completion(a), Map.of(SERVER_TIMING, a.timing().serverTiming()))),
            Optional.of(new ApiOperation.Streaming(Optional.empty(), (caller, req) ->
                gateway.stream(caller.tenantId(), OpenAiWire.call(req), OpenAiWire.encoder(OpenAiWire.includeUsage(req)))
                    .map(s -> new EventStream(RampartWire.start(s.info()), Map.of(SERVER_TIMING, s.timing().serverTiming()),
                        s.events(), OpenAiWire::error, Optional.of("[DONE]"), s.cancel()))))),
        new ApiOperation("listModels", MODELS, 200, true,
            (caller, req) -> gateway.models(caller.tenantId()).map(m -> OpenAiWire.models(m, bootEpochSeconds))),
        new ApiOperation("chat", CHAT, 200, true,
            (caller, req) -> gateway.chat(caller.tenantId(), RampartWire.call(req))
                .map(a -> new ApiReply(RampartWire.answer(a), Map.of(SERVER_TIMING, a.timing().serverTiming()))),
            Optional.of(new ApiOperation.Streaming(Optional.of(CHAT_STREAM), (caller, req) ->
                gateway.stream(caller.tenantId(), RampartWire.call(req), RampartWire.encoder())
                    .map(s -> new EventStream(RampartWire.start(s.info()), Map.of(SERVER_TIMING, s.timing().serverTiming()),
                        s.events(), RampartWire::error, Optional.empty(), s.cancel()))))),
        new ApiOperation("getUsage", USAGE, 200, true, (caller, req) -> usage(gateway, caller.tenantId(), req)));
  }

  private static Future<JsonObject> usage(ChatGateway gateway, String tenantId, JsonObject req) {
    LocalDate today = gateway.today();
    LocalDate from;
    LocalDate to;
    try {
      from = req.containsKey("from") ? LocalDate.parse(req.getString("from")) : today.withDayOfMonth(1);
      to = req.containsKey("to") ? LocalDate.parse(req.getString("to")) : today;
    } catch (DateTimeParseException e) {
      return Future.failedFuture(new RampartException(ErrorCode.VALIDATION_FAILED, "from and to must be dates (YYYY-MM-DD)"));
    }
    if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_USAGE_DAYS) {
      return Future.failedFuture(new RampartException(ErrorCode.VALIDATION_FAILED,
          "to must be on or after from, and at most " + MAX_USAGE_DAYS + " days after it"));
    }
    return gateway.usage(tenantId, from, to).map(report -> {
      JsonArray items = new JsonArray();
      long requests = 0;
      long prompt = 0;
      long completion = 0;
      double cost = 0;
      for (UsageTotal t : report.totals()) {
        items.add(new JsonObject().put("day", t.day().toString()).put("provider", t.provider()).put("model", t.model())
            .put("requests", t.requests()).put("prompt-tokens", t.promptTokens()).put("completion-tokens", t.completionTokens())
            .put("total-tokens", t.promptTokens() + t.completionTokens()).put("cost-usd", t.costUsd()));
        requests += t.requests();
        prompt += t.promptTokens();
        completion += t.completionTokens();
        cost += t.costUsd();
      }
      return new JsonObject().put("from", report.from().toString()).put("to", report.to().toString()).put("items", items)
          .put("totals", new JsonObject().put("requests", requests).put("prompt-tokens", prompt)
              .put("completion-tokens", completion).put("total-tokens", prompt + completion).put("cost-usd", cost))
          .put("remaining", report.remaining().toJson());
    });
  }
}
