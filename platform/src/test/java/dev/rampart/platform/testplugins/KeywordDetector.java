package dev.rampart.platform.testplugins;

import dev.rampart.contracts.ExtensionContext;
import dev.rampart.contracts.guard.Finding;
import dev.rampart.contracts.guard.PiiDetector;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector for tests, configured by settings: {@code mode: keyword} finds employee ids
 * ({@code EMP-} and 6 digits) as {@code EMPLOYEE_ID} and, to overlap other detectors, any run of
 * 13 to 19 digits as {@code ACCOUNT_NUMBER} with score 0.7; {@code mode: backtrack} runs a naive,
 * catastrophically backtracking regex over the text it is given; {@code mode: throw} throws with
 * the text in the message; {@code mode: undeclared} reports a type it did not declare.
 */
public class KeywordDetector implements PiiDetector {

  private static final Pattern EMPLOYEE = Pattern.compile("EMP-[0-9]{6}");
  private static final Pattern DIGITS = Pattern.compile("(?<![0-9])[0-9]{13,19}(?![0-9])");
  private static final Pattern NAIVE = Pattern.compile("(a*)*\\1b");

  private String mode = "keyword";
  private String name = "keywords";

  @Override
  public String type() {
    return "keyword-detector";
  }

  @Override
  public Future<Void> start(ExtensionContext context, JsonObject settings) {
    mode = settings.getString("mode", "keyword");
    name = context == null ? name : context.instanceName();
    return Future.succeededFuture();
  }

  @Override
  public Set<String> entityTypes() {
    return Set.of("EMPLOYEE_ID", "ACCOUNT_NUMBER");
  }

  @Override
  public int maxEntityLength() {
    return 19;
  }

  @Override
  public List<Finding> detect(CharSequence text) {
    List<Finding> out = new ArrayList<>();
    switch (mode) {
      case "backtrack" -> {
        // reads the text through the CharSequence: the guard's deadline stops it
        if (NAIVE.matcher(text).find()) {
          out.add(new Finding("EMPLOYEE_ID", 0, 1, 0.5, name));
        }
      }
      case "throw" -> throw new IllegalStateException("cannot parse " + text);
      case "undeclared" -> out.add(new Finding("SHOE_SIZE", 0, Math.min(1, text.length()), 0.5, name));
      default -> {
        Matcher m = EMPLOYEE.matcher(text);
        while (m.find()) {
          out.add(new Finding("EMPLOYEE_ID", m.start(), m.end(), 0.9, name));
        }
        Matcher d = DIGITS.matcher(text);
        while (d.find()) {
          out.add(new Finding("ACCOUNT_NUMBER", d.start(), d.end(), 0.7, name));
        }
      }
    }
    return out;
  }
}
