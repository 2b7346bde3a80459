package dev.rampart.platform.guard;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The text an entity is replaced with under {@link GuardAction#MASK}, {@link GuardAction#REDACT}
 * and {@link GuardAction#HASH}. Replacements depend only on the entity's text, its type and the
 * tenant's key, so the same value always reads the same within a tenant (a hashed e-mail can
 * still be joined on) and differently across tenants.
 */
final class EntityRewriter {

  /** Letters and digits kept by {@code mask}. */
  static final int MASK_KEEP = 4;
  /** Hex digits of the keyed hash shown: 40 bits, enough to tell values apart, too few to search. */
  static final int HASH_HEX = 10;

  private EntityRewriter() {}

  static String rewrite(GuardAction action, String entityType, CharSequence value, byte[] hashKey) {
    return switch (action) {
      case ALLOW, BLOCK -> value.toString();
      case MASK -> mask(value);
      case REDACT -> "[" + entityType + "]";
      case HASH -> "[" + entityType + ":" + hash(hashKey, entityType, value) + "]";
    };
  }

  /**
   * Stars every letter and digit except the last four, keeping separators so the shape stays
   * readable ({@code ****-****-****-1111}). Never shows more than half of the letters and digits,
   * so a short value is not given away whole.
   */
  static String mask(CharSequence value) {
    int alnum = 0;
    for (int i = 0; i < value.length(); i++) {
      if (Character.isLetterOrDigit(value.charAt(i))) {
        alnum++;
      }
    }
    int keep = Math.min(MASK_KEEP, alnum / 2);
    StringBuilder out = new StringBuilder(value.length());
    int seen = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        seen++;
        out.append(seen > alnum - keep ? c : '*');
      } else if (Character.isSurrogate(c)) {
        out.append('*');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static String hash(byte[] key, String entityType, CharSequence value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(entityType.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      byte[] digest = mac.doFinal(value.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_HEX);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  /** A tenant's hash key derived from the platform secret, when its file sets none. */
  static byte[] derivedKey(byte[] platformSecret, String tenantId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(platformSecret, "HmacSHA256"));
      return mac.doFinal(("rampart/guard/hash-key/" + tenantId).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
