package dev.rampart.plugins.pii.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Base64 runs that decode to readable text containing an injection phrase — a way to slip
 * instructions past filters that read only the surface text. Each run is decoded once, at most
 * its first {@value #MAX_DECODED_CHARS} characters, so the cost stays linear.
 */
final class EncodedPayloads {

  private static final int MIN_RUN = TextChunks.LONG_CHUNK;
  private static final int MAX_DECODED_CHARS = 4096;

  private final InjectionPhrases phrases;

  EncodedPayloads(InjectionPhrases phrases) {
    this.phrases = phrases;
  }

  /** Hits whose spans are the encoded runs in {@code text}, visiting only its long chunks. */
  List<InjectionPhrases.Hit> find(String text, TextChunks chunks, ScanBudget budget) {
    List<InjectionPhrases.Hit> hits = new ArrayList<>();
    int n = text.length();
    int i = 0;
    for (int k = 0; k < chunks.count() && !budget.exhausted(); k++) {
      // a run of MIN_RUN characters has no whitespace in it
      if ((chunks.classes(k) & TextChunks.LONG) == 0) {
        continue;
      }
      i = Math.max(i, chunks.start(k));
      int to = chunks.end(k);
      budget.charge(to - i);
      while (i < to && !budget.exhausted()) {
        if (!isBase64Char(text.charAt(i))) {
          i++;
          continue;
        }
        int end = i;
        while (end < n && isBase64Char(text.charAt(end))) {
          end++;
        }
        if (end - i >= MIN_RUN) {
          double score = injectionScore(text, i, Math.min(end, i + MAX_DECODED_CHARS), budget);
          if (score > 0) {
            hits.add(new InjectionPhrases.Hit(i, end, InjectionPhrases.Kind.ENCODED, score));
          }
        }
        i = end;
      }
    }
    return hits;
  }

  private static boolean isBase64Char(char c) {
    return CharClasses.isBase64(c) || c == '=' || c == '-' || c == '_';
  }

  private double injectionScore(String text, int from, int to, ScanBudget budget) {
    budget.charge(to - from);
    String run = text.substring(from, to).replace("=", "");
    boolean urlSafe = run.indexOf('-') >= 0 || run.indexOf('_') >= 0;
    if (urlSafe && (run.indexOf('+') >= 0 || run.indexOf('/') >= 0)) {
      return 0;
    }
    if (run.length() % 4 == 1) {
      run = run.substring(0, run.length() - 1); // a run cut short: drop the char that cannot decode
    }
    byte[] bytes;
    try {
      bytes = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(run);
    } catch (IllegalArgumentException notBase64) {
      return 0;
    }
    int printable = 0;
    for (byte b : bytes) {
      printable += (b >= 0x20 && b < 0x7f) || b == '\n' || b == '\r' || b == '\t' ? 1 : 0;
    }
    if (bytes.length == 0 || printable < bytes.length * 0.9) {
      return 0;
    }
    double best = 0;
    for (InjectionPhrases.Hit hit : phrases.find(new String(bytes, StandardCharsets.ISO_8859_1), budget)) {
      if (hit.kind() != InjectionPhrases.Kind.DELIMITER) {
        best = Math.max(best, Math.max(0.9, hit.score() + 0.1));
      }
    }
    return best;
  }
}
