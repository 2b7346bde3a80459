package dev.rampart.plugins.router.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of router settings values that name where a bad value stands: each throws
 * {@link IllegalArgumentException} with the value's path ("aliases.fast.among[0]: must be a
 * non-empty string"), which routers report to the tenant as is.
 */
public final class SettingsValues {

  private SettingsValues() {}

  /** The object under {@code key}; an empty one when absent. */
  public static JsonObject object(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value == null) {
      return new JsonObject();
    }
    if (value instanceof JsonObject o) {
      return o;
    }
    throw new IllegalArgumentException(key + ": must be an object");
  }

  /** A non-blank string. */
  public static String text(String path, Object value) {
    if (value instanceof String s && !s.isBlank()) {
      return s;
    }
    throw new IllegalArgumentException(path + ": must be a non-empty string");
  }

  /** A list of non-blank strings; {@code what} names them in the message ("strings", "targets"). */
  public static List<String> texts(String path, Object value, String what) {
    if (!(value instanceof JsonArray array)) {
      throw new IllegalArgumentException(path + ": must be a list of " + what);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      out.add(text(path + "[" + i + "]", array.getValue(i)));
    }
    return out;
  }

  /** A number from {@code min} to {@code max}. */
  public static double number(String path, Object value, double min, double max) {
    if (value instanceof Number n && n.doubleValue() >= min && n.doubleValue() <= max) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException(path + ": must be a number from " + min + " to " + max);
  }

  /** A boolean; false when absent. */
  public static boolean flag(String path, Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException(path + ": must be true or false");
  }
}
