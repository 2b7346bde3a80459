package dev.rampart.platform.guard;

import dev.rampart.contracts.guard.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports {@code BEGIN ... END} blocks of any length as {@code SECRET_BLOCK}, and a BEGIN with no
 * END yet as still growing: the shape of a PEM key, without the plugin.
 */
class FencedBlockDetector extends OneTypeDetector {

  static final String TYPE = "SECRET_BLOCK";

  FencedBlockDetector() {
    // only the markers need to be seen whole; the block's length is unbounded
    super("fenced-block", TYPE, "BEGIN".length());
  }

  @Override
  public List<Finding> detect(CharSequence text) {
    String s = text.toString();
    List<Finding> out = new ArrayList<>();
    for (int b = s.indexOf("BEGIN"); b >= 0; b = s.indexOf("BEGIN", b + 1)) {
      int e = s.indexOf("END", b + 5);
      if (e < 0) {
        break;
      }
      out.add(new Finding(TYPE, b, e + 3, 0.9, "fenced"));
      b = e + 2;
    }
    return out;
  }

  @Override
  public List<OpenEntity> openEntities(CharSequence text) {
    String s = text.toString();
    // the BEGIN that detect() could not pair with an END
    int b = s.indexOf("BEGIN");
    while (b >= 0) {
      int e = s.indexOf("END", b + 5);
      if (e < 0) {
        return List.of(new OpenEntity(TYPE, b));
      }
      b = s.indexOf("BEGIN", e + 3);
    }
    return List.of();
  }
}
