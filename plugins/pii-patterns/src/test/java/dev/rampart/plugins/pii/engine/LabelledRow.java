package dev.rampart.plugins.pii.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of a labelled text set ({@code corpus/labelled.tsv}, {@code external/outside.tsv}):
 * the entity type, the value expected ("-": nothing of that type, "*": any span) and the text,
 * tab-separated, with "\n" written as {@code \n}. Lines starting with '#' are comments.
 */
record LabelledRow(String type, String value, String text) {

  static List<LabelledRow> read(String resource) throws IOException {
    List<LabelledRow> rows = new ArrayList<>();
    try (InputStream in = LabelledRow.class.getResourceAsStream(resource)) {
      for (String raw : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (raw.isBlank() || raw.startsWith("#")) {
          continue;
        }
        String[] f = raw.split("\t", 3);
        rows.add(new LabelledRow(f[0], f[1].replace("\\n", "\n"), f[2].replace("\\n", "\n")));
      }
    }
    return rows;
  }
}
