package dev.rampart.plugins.pii.engine;

import dev.rampart.contracts.guard.Finding;
import java.util.Arrays;
import java.util.List;

/**
 * A URL whose query holds a secret ({@code https://api.example.com/v1?api_key=...},
 * {@code /login?user=bob&password=...}) ends where the secret starts. Overlaps are settled by
 * score, and a URL (0.85) would otherwise hide a keyword-found secret (0.7-0.75) inside it: a
 * tenant that redacts secrets but allows URLs would then let the secret through. Cut, the URL
 * keeps what comes before the secret and the secret is reported on its own; what follows it is
 * left unreported (the rest of a query).
 *
 * <p>Applied to the candidates before overlaps are settled, so the platform, settling every
 * detector's findings together, sees the same.
 */
final class SecretsInUrls {

  private SecretsInUrls() {}

  /** Cuts, in place, every URL candidate of the scan that holds a secret in its query. */
  static void cut(ScanContext ctx) {
    if (ctx.holds(EntityType.URL) && ctx.holds(EntityType.GENERIC_SECRET)) {
      cut(ctx.text(), ctx.candidates(), ctx.budget()); // most texts hold neither, or not both
    }
  }

  /**
   * The '?' that starts the query of the URL {@code [start, end)}, or -1. Looked for inside the URL
   * only (not with {@code indexOf}, which would read on to the text's end for every URL without
   * one): URLs do not overlap, so all of them together are read once.
   */
  private static int queryStart(String text, int start, int end) {
    for (int q = start; q < end; q++) {
      if (text.charAt(q) == '?') {
        return q;
      }
    }
    return -1;
  }

  private static void cut(String text, List<Finding> candidates, ScanBudget budget) {
    // the caller saw both kinds kept: only the secrets need counting
    int secrets = 0;
    for (Finding f : candidates) {
      if (f.entityType().equals(EntityType.GENERIC_SECRET.name())) {
        secrets++;
      }
    }
    int[] starts = new int[secrets];
    int k = 0;
    for (Finding f : candidates) {
      if (f.entityType().equals(EntityType.GENERIC_SECRET.name())) {
        starts[k++] = f.start();
      }
    }
    Arrays.sort(starts);
    for (int i = 0; i < candidates.size(); i++) {
      Finding url = candidates.get(i);
      if (!url.entityType().equals(EntityType.URL.name())) {
        continue;
      }
      budget.charge(url.end() - url.start());
      int query = queryStart(text, url.start(), url.end());
      if (query < 0) {
        continue;
      }
      // the first secret starting in the query
      int at = Arrays.binarySearch(starts, query + 1);
      int first = at >= 0 ? at : -at - 1;
      while (first > 0 && starts[first - 1] > query) {
        first--; // binarySearch finds any of equal keys: step back to the first
      }
      if (first < secrets && starts[first] < url.end()) {
        candidates.set(i, new Finding(url.entityType(), url.start(), starts[first], url.score(), url.detectorId()));
      }
    }
  }
}
