package com.example.rampart.detector;

import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.guard.Finding;
import dev.rampart.contracts.guard.PiiDetector;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Finds employee ids such as {@code EMP-123456}: a configurable prefix, a dash, six digits, not
 * glued to other letters or digits. A hand-written scan (no regex) keeps it linear, as the SPI asks.
 */
@Extension
public class EmployeeIdDetector implements PiiDetector {

  static final String ENTITY = "EMPLOYEE_ID";
  private static final int DIGITS = 6;

  private volatile String prefix = "EMP-";
  private volatile String detectorId = "employee-ids";

  @Override
  public String type() {
    return "example-employee-id";
  }

  @Override
  public JsonObject settingsSchema() {
    return new JsonObject("""
        {"type": "object", "additionalProperties": false,
         "properties": {"prefix": {"type": "string", "pattern": "^[A-Z]{2,8}$",
                                   "description": "letters before the dash, default EMP"}}}""");
  }

  @Override
  public Future<Void> start(ExtensionContext context, JsonObject settings) {
    prefix = settings.getString("prefix", "EMP") + "-";
    detectorId = context.instanceName();
    return Future.succeededFuture();
  }

  @Override
  public Set<String> entityTypes() {
    return Set.of(ENTITY);
  }

  @Override
  public List<Finding> detect(CharSequence text) {
    List<Finding> findings = new ArrayList<>();
    String p = prefix;
    int last = text.length() - p.length() - DIGITS;
    for (int i = 0; i <= last; i++) {
      if (matchesAt(text, i, p) && !isWordChar(text, i - 1) && !isWordChar(text, i + p.length() + DIGITS)) {
        findings.add(new Finding(ENTITY, i, i + p.length() + DIGITS, 0.9, detectorId));
        i += p.length() + DIGITS - 1;
      }
    }
    return findings;
  }

  private static boolean matchesAt(CharSequence text, int at, String p) {
    for (int k = 0; k < p.length(); k++) {
      if (text.charAt(at + k) != p.charAt(k)) {
        return false;
      }
    }
    for (int k = 0; k < DIGITS; k++) {
      char c = text.charAt(at + p.length() + k);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isWordChar(CharSequence text, int at) {
    return at >= 0 && at < text.length() && Character.isLetterOrDigit(text.charAt(at));
  }
}
