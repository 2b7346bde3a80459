package dev.rampart.plugins.pii.engine;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * JSON Web Tokens in compact form: three base64url parts joined by dots, whose header decodes to
 * a JSON object naming an {@code "alg"}. The signature may be empty (unsecured tokens).
 */
final class JsonWebTokens {

  private static final int MAX_HEADER = 2048;
  private static final int MAX_PART = 16384;

  private JsonWebTokens() {}

  /** End of a JWT starting at {@code i} (which must begin "eyJ"), or -1. */
  static int end(String s, int i, ScanBudget budget) {
    if (!s.startsWith("eyJ", i)) {
      return -1;
    }
    int headerEnd = partEnd(s, i, MAX_HEADER);
    if (headerEnd >= s.length() || s.charAt(headerEnd) != '.') {
      return -1;
    }
    int payloadEnd = partEnd(s, headerEnd + 1, MAX_PART);
    if (payloadEnd == headerEnd + 1 || payloadEnd >= s.length() || s.charAt(payloadEnd) != '.') {
      return -1;
    }
    int signatureEnd = partEnd(s, payloadEnd + 1, MAX_PART);
    budget.charge(signatureEnd - i);
    if (!CharClasses.boundaryAt(s, signatureEnd) || !headerNamesAlg(s, i, headerEnd)) {
      return -1;
    }
    return signatureEnd;
  }

  private static int partEnd(String s, int from, int max) {
    int k = from;
    while (k < s.length() && k - from <= max && CharClasses.isBase64Url(s.charAt(k))) {
      k++;
    }
    return k;
  }

  private static boolean headerNamesAlg(String s, int from, int to) {
    if (to - from > MAX_HEADER) {
      return false;
    }
    try {
      String header = new String(Base64.getUrlDecoder().decode(s.substring(from, to)), StandardCharsets.UTF_8);
      String trimmed = header.strip();
      return trimmed.startsWith("{") && trimmed.endsWith("}") && trimmed.contains("\"alg\"");
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }
}
