package dev.rampart.platform.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} and {@code ${env:NAME:-default}} inside string values (not keys).
 * As in a POSIX shell, the default is used when the variable is unset or empty; {@code $${}
 * stands for a literal {@code ${}. Resolved values are always strings.
 */
final class EnvReferences {

  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\$\\{|\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private EnvReferences() {}

  /** Resolves in place; an unset variable without default adds a problem and resolves to "". */
  static void resolve(Object node, String path, String label, Map<String, String> env, List<String> problems) {
    if (node instanceof JsonObject object) {
      for (String key : List.copyOf(object.fieldNames())) {
        Object value = object.getValue(key);
        String at = JsonPaths.child(path, key);
        if (value instanceof String text) {
          object.put(key, substitute(text, at, label, env, problems));
        } else {
          resolve(value, at, label, env, problems);
        }
      }
    } else if (node instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        Object value = array.getValue(i);
        String at = JsonPaths.child(path, i);
        if (value instanceof String text) {
          array.set(i, substitute(text, at, label, env, problems));
        } else {
          resolve(value, at, label, env, problems);
        }
      }
    }
  }

  private static String substitute(String text, String path, String label, Map<String, String> env, List<String> problems) {
    if (!text.contains("${")) {
      return text;
    }
    Matcher m = REFERENCE.matcher(text);
    var out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group(1) == null) {
        replacement = "${";
      } else {
        String value = env.get(m.group(1));
        boolean hasDefault = m.group(2) != null;
        if (hasDefault && (value == null || value.isEmpty())) {
          replacement = m.group(2);
        } else if (value == null) {
          problems.add(label + ":" + path + ": environment variable " + m.group(1) + " is not set");
          replacement = "";
        } else {
          replacement = value;
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
