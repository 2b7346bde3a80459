package dev.rampart.plugins.router.adaptive;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * MinHash signatures of word 3-shingles: the share of equal positions in two signatures
 * estimates the Jaccard similarity of the two texts' shingle sets (standard error about
 * {@code 1/sqrt(k)}, 0.125 for the 64 hashes used here), at a fixed cost per comparison however
 * long the texts are.
 */
final class MinHash {

  static final int HASHES = 64;
  static final int SHINGLE = 3;

  private MinHash() {}

  /** The signature of a text's words; null when there are no words. */
  static long[] signature(List<String> words) {
    if (words.isEmpty()) {
      return null;
    }
    long[] mins = new long[HASHES];
    Arrays.fill(mins, Long.MAX_VALUE);
    int width = Math.min(SHINGLE, words.size());
    for (int i = 0; i + width <= words.size(); i++) {
      long h = 0xcbf29ce484222325L;
      for (int j = i; j < i + width; j++) {
        h = fnv(h, words.get(j));
        h = (h ^ ' ') * 0x100000001b3L;
      }
      for (int k = 0; k < HASHES; k++) {
        long v = mix(h + 0x9e3779b97f4a7c15L * (k + 1));
        if (v < mins[k]) {
          mins[k] = v;
        }
      }
    }
    return mins;
  }

  /** Estimated Jaccard similarity of the texts behind two signatures, 0..1. */
  static double similarity(long[] a, long[] b) {
    int same = 0;
    for (int k = 0; k < HASHES; k++) {
      if (a[k] == b[k]) {
        same++;
      }
    }
    return same / (double) HASHES;
  }

  private static long fnv(long h, String s) {
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return h;
  }

  /** SplitMix64's finaliser: spreads nearby inputs over the whole range. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
