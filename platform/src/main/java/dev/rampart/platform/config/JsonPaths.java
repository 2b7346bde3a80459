package dev.rampart.platform.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Turns JSON-pointer locations into the {@code $.a[0].b} paths shown to operators. */
final class JsonPaths {

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private JsonPaths() {}

  /** Appends a key or an index to a {@code $...} path. */
  static String child(String path, Object keyOrIndex) {
    if (keyOrIndex instanceof Integer index) {
      return path + "[" + index + "]";
    }
    String key = keyOrIndex.toString();
    return PLAIN_KEY.matcher(key).matches() ? path + "." + key : path + "['" + key.replace("'", "\\'") + "']";
  }

  /**
   * @param pointer {@code #/a/0/b} or {@code /a/0/b}
   * @param root the document, to tell array indices from keys that look like numbers
   */
  static String fromPointer(String pointer, Object root) {
    String path = "$";
    Object node = root;
    for (String segment : segments(pointer)) {
      if (node instanceof JsonArray array && segment.matches("\\d+")) {
        int index = Integer.parseInt(segment);
        path = child(path, index);
        node = index < array.size() ? array.getValue(index) : null;
      } else {
        path = child(path, segment);
        node = node instanceof JsonObject object ? object.getValue(segment) : null;
      }
    }
    return path;
  }

  /** Unescaped segments of a JSON pointer, with or without the leading {@code #}. */
  static List<String> segments(String pointer) {
    String p = pointer.startsWith("#") ? pointer.substring(1) : pointer;
    var out = new ArrayList<String>();
    if (p.isEmpty()) {
      return out;
    }
    for (String raw : p.substring(1).split("/", -1)) {
      out.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }
}
