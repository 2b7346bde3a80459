package dev.rampart.platform.testplugins;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.Health;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.persistence.ConversationStore;
import dev.rampart.contracts.persistence.PersistenceAdapter;
import dev.rampart.contracts.persistence.UsageRecord;
import dev.rampart.contracts.persistence.UsageStore;
import dev.rampart.contracts.persistence.UsageTotal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A persistence adapter with a usage ledger in a JSON-lines file (so it survives a restart) and
 * no conversations: a stand-in until the bundled adapters carry the ledger.
 */
public class FileLedger implements PersistenceAdapter, UsageStore {

  private Vertx vertx;
  private Path file;

  @Override
  public String type() {
    return "file-ledger";
  }

  @Override
  public Future<Void> start(ExtensionContext context, JsonObject settings) {
    vertx = context.vertx();
    file = context.dataDirectory().resolve("usage.jsonl");
    return Future.succeededFuture();
  }

  @Override
  public Future<Health> health() {
    return Future.succeededFuture(Health.up());
  }

  @Override
  public UsageStore usage() {
    return this;
  }

  @Override
  public synchronized Future<Void> record(String tenantId, UsageRecord r) {
    return vertx.executeBlocking(() -> {
      synchronized (this) {
        Set<String> ids = new HashSet<>();
        lines().forEach(l -> ids.add(l.getString("id")));
        if (ids.add(r.id())) {
          JsonObject line = new JsonObject().put("tenant", tenantId).put("id", r.id()).put("at", r.at().toString())
              .put("provider", r.provider()).put("model", r.model()).put("prompt", r.promptTokens())
              .put("completion", r.completionTokens()).put("cost", r.costUsd());
          Files.writeString(file, line.encode() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return null;
      }
    }, false);
  }

  @Override
  public Future<List<UsageTotal>> totals(String tenantId, LocalDate from, LocalDate toExclusive) {
    return vertx.executeBlocking(() -> {
      Map<String, UsageTotal> totals = new TreeMap<>();
      for (JsonObject l : lines()) {
        LocalDate day = LocalDate.ofInstant(Instant.parse(l.getString("at")), ZoneOffset.UTC);
        if (!l.getString("tenant").equals(tenantId) || day.isBefore(from) || !day.isBefore(toExclusive)) {
          continue;
        }
        String key = day + "|" + l.getString("provider") + "|" + l.getString("model");
        UsageTotal t = totals.getOrDefault(key, new UsageTotal(day, l.getString("provider"), l.getString("model"), 0, 0, 0, 0));
        totals.put(key, new UsageTotal(day, t.provider(), t.model(), t.requests() + 1, t.promptTokens() + l.getLong("prompt"),
            t.completionTokens() + l.getLong("completion"), t.costUsd() + l.getDouble("cost")));
      }
      return List.copyOf(totals.values());
    }, false);
  }

  private synchronized List<JsonObject> lines() throws java.io.IOException {
    List<JsonObject> out = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          out.add(new JsonObject(line));
        }
      }
    }
    return out;
  }

  @Override
  public ConversationStore conversations() {
    return new NoConversations();
  }

  /** Conversations are not this adapter's business. */
  public static final class NoConversations extends UnservedConversations {
    @Override
    protected <T> Future<T> unserved() {
      return Future.failedFuture(new RampartException(ErrorCode.EXTENSION_UNAVAILABLE, "no conversations here"));
    }
  }
}
