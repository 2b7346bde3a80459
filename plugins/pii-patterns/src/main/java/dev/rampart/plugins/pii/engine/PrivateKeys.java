package dev.rampart.plugins.pii.engine;

import java.util.Set;

/**
 * PEM private keys: {@code -----BEGIN [RSA |EC |DSA |OPENSSH |ENCRYPTED ]PRIVATE KEY-----} through
 * the matching END line, and OpenPGP's armoured {@code -----BEGIN PGP PRIVATE KEY BLOCK-----}. A
 * block whose END is missing (a pasted, truncated key) is reported from its BEGIN line through
 * the base64 body that follows, at a lower score.
 */
final class PrivateKeys implements EntityScanner {

  static final String BEGIN = "-----BEGIN ";
  static final String END = "-----END ";
  private static final String LABEL_TAIL = "PRIVATE KEY-----";
  /** OpenPGP armour: "PRIVATE KEY" goes on with " BLOCK-----". */
  private static final String PGP_TAIL = "PRIVATE KEY BLOCK-----";
  private static final int MAX_LABEL = 40;
  private static final int MAX_BODY = 64 * 1024;

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.PRIVATE_KEY);
  }

  @Override
  public void scan(ScanContext ctx) {
    String s = ctx.text();
    if (!ctx.budget().charge(s.length())) {
      return;
    }
    // where the next END marker is, searched for once and reused, so many BEGINs without an
    // END cannot make the scan quadratic
    int nextEnd = -2;
    // "-----BEGIN " ends with a space, so an occurrence ends a chunk: only chunks holding dashes
    // and capitals, ending in "-----BEGIN" before a space, are looked at
    TextChunks chunks = ctx.chunks();
    int after = 0; // BEGINs before this are inside a block already reported
    for (int k = 0; k < chunks.count(); k++) {
      int b = chunks.end(k) + 1 - BEGIN.length();
      if ((chunks.classes(k) & (TextChunks.DASH | TextChunks.UPPER)) != (TextChunks.DASH | TextChunks.UPPER)
          || b < Math.max(after, chunks.start(k)) || !s.startsWith(BEGIN, b)) {
        continue;
      }
      after = b + 1;
      int headerEnd = labelEnd(s, b + BEGIN.length());
      if (headerEnd < 0) {
        continue;
      }
      if (nextEnd != -1 && nextEnd < headerEnd) {
        nextEnd = s.indexOf(END, headerEnd);
      }
      int footerEnd = nextEnd < 0 ? -1 : labelEnd(s, nextEnd + END.length());
      if (footerEnd > 0 && nextEnd - headerEnd <= MAX_BODY) {
        ctx.add(EntityType.PRIVATE_KEY, b, footerEnd, 0.95);
        after = footerEnd;
      } else {
        int bodyEnd = bodyEnd(s, headerEnd);
        ctx.add(EntityType.PRIVATE_KEY, b, bodyEnd, bodyEnd - headerEnd > 64 ? 0.85 : 0.7);
        after = bodyEnd;
      }
    }
  }

  /**
   * End of a {@code [RSA |EC |...]PRIVATE KEY-----} or {@code PGP PRIVATE KEY BLOCK-----} label
   * starting at {@code from}, or -1.
   */
  static int labelEnd(String s, int from) {
    int limit = Math.min(s.length(), from + MAX_LABEL + LABEL_TAIL.length());
    for (int k = from; k < limit; k++) {
      char c = s.charAt(k);
      if (c == 'P' && s.startsWith(LABEL_TAIL, k)) {
        return k + LABEL_TAIL.length();
      }
      if (c == 'P' && s.startsWith(PGP_TAIL, k)) {
        return k + PGP_TAIL.length();
      }
      if (!(CharClasses.isUpper(c) || c == ' ' || CharClasses.isDigit(c))) {
        return -1;
      }
    }
    return -1;
  }

  /** Whether {@code c} may stand in a key body: base64, padding, and the line breaks and header separators the body skips. */
  static boolean isBodyChar(char c) {
    return CharClasses.isBase64(c) || c == '=' || c == '\n' || c == '\r' || c == ' ' || c == ':' || c == '-' || c == ',';
  }

  private static int bodyEnd(String s, int from) {
    int k = from;
    int last = from;
    while (k < s.length() && k - from < MAX_BODY) {
      char c = s.charAt(k);
      if (CharClasses.isBase64(c) || c == '=') {
        last = k + 1;
      } else if (c != '\n' && c != '\r' && c != ' ' && c != ':' && c != '-' && c != ',') {
        break;
      }
      k++;
    }
    return last;
  }
}
