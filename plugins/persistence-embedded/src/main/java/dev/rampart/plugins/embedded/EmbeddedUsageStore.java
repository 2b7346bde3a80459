package dev.rampart.plugins.embedded;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import dev.rampart.contracts.persistence.UsageRecord;
import dev.rampart.contracts.persistence.UsageStore;
import dev.rampart.contracts.persistence.UsageTotal;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The usage ledger in the embedded H2 database: one row per call in {@code usage_records}, totals
 * by GROUP BY over the UTC day stored with each row.
 *
 * <p>Costs cross the SPI as doubles but are stored and summed as DECIMAL: each double enters as
 * its shortest decimal form ({@link BigDecimal#valueOf(double)}, so 0.000123 is exactly that),
 * and only the final sum becomes a double again. Summing doubles instead drifts by up to half an
 * ulp of the running total per call, which on a large total is more than a small call costs.
 */
final class EmbeddedUsageStore implements UsageStore {

  private static final String DUPLICATE_KEY = "23505";
  /** One call must cost less than this: the column holds ten digits before the point (sums are wider). */
  private static final BigDecimal MAX_COST = BigDecimal.TEN.pow(StoreSchema.COST_PRECISION - StoreSchema.COST_SCALE);

  private final EmbeddedDatabase database;

  EmbeddedUsageStore(EmbeddedDatabase database) {
    this.database = database;
  }

  @Override
  public Future<Void> record(String tenantId, UsageRecord record) {
    BigDecimal cost;
    try {
      cost = costOf(record);
    } catch (RampartException e) {
      return Future.failedFuture(e);
    }
    return database.transaction("record usage", connection -> {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO usage_records (id, tenant_id, usage_day, recorded_at, provider, model, prompt_tokens,"
              + " completion_tokens, cost_usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, record.id());
        insert.setString(2, tenantId);
        insert.setObject(3, record.at().atOffset(ZoneOffset.UTC).toLocalDate());
        insert.setObject(4, record.at().atOffset(ZoneOffset.UTC));
        insert.setString(5, record.provider());
        insert.setString(6, record.model());
        insert.setLong(7, record.promptTokens());
        insert.setLong(8, record.completionTokens());
        insert.setBigDecimal(9, cost);
        insert.executeUpdate();
      } catch (SQLException e) {
        // the id is the only unique key: this call was recorded before (perhaps just now, by a
        // concurrent retry whose insert H2 made this one wait for), so it already counts
        if (!DUPLICATE_KEY.equals(e.getSQLState())) {
          throw e;
        }
      }
      return null;
    });
  }

  @Override
  public Future<List<UsageTotal>> totals(String tenantId, LocalDate from, LocalDate toExclusive) {
    return database.transaction("read usage totals", connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT usage_day, provider, model, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens), SUM(cost_usd)"
              + " FROM usage_records WHERE tenant_id = ? AND usage_day >= ? AND usage_day < ?"
              + " GROUP BY usage_day, provider, model ORDER BY usage_day, provider, model")) {
        select.setString(1, tenantId);
        select.setObject(2, from);
        select.setObject(3, toExclusive);
        List<UsageTotal> totals = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            totals.add(new UsageTotal(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3),
                rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getBigDecimal(7).doubleValue()));
          }
        }
        return totals;
      }
    });
  }

  /** The record's cost as stored, after checking the record; a refused record changes nothing. */
  private static BigDecimal costOf(UsageRecord record) {
    if (record.id() == null || record.id().isEmpty() || record.at() == null
        || record.provider() == null || record.model() == null) {
      throw invalid("needs an id, a time, a provider and a model");
    }
    if (record.promptTokens() < 0 || record.completionTokens() < 0) {
      throw invalid("cannot have negative token counts");
    }
    if (!Double.isFinite(record.costUsd()) || record.costUsd() < 0) {
      throw invalid("needs a finite, non-negative cost");
    }
    BigDecimal cost = BigDecimal.valueOf(record.costUsd());
    if (cost.compareTo(MAX_COST) >= 0) {
      throw invalid("cannot cost " + MAX_COST.toPlainString() + " USD or more");
    }
    // amounts below 1e-10 USD round: the column keeps ten decimals
    return cost.setScale(StoreSchema.COST_SCALE, RoundingMode.HALF_UP);
  }

  private static RampartException invalid(String detail) {
    return new RampartException(ErrorCode.VALIDATION_FAILED, "a usage record " + detail);
  }
}
