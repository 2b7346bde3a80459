package dev.rampart.contracts.persistence;

import dev.rampart.contracts.ErrorCode;
import dev.rampart.contracts.RampartException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * Opaque pagination cursors: base64url of a listing's sort key, sealed with a CRC32 so that a
 * changed, truncated or made-up cursor is refused with {@code INVALID_CURSOR} instead of silently
 * starting somewhere else. The checksum guards against accidents and tinkering, not forgery: a
 * cursor only moves a position inside the caller's own tenant, so forging one gains nothing.
 *
 * <p>For adapter authors: the orders {@link ConversationStore} fixes (conversations newest first
 * by creation time then id, messages by {@code seq}) are the same for every store, so every store
 * can use these cursors; the TCK's cursor tests pass with them.
 */
public final class PageCursor {

  /** Where a conversation listing resumes: strictly after this (createdAt, id), descending. */
  public record ConversationPosition(Instant createdAt, String id) {}

  private static final String CONVERSATIONS = "c";
  private static final String MESSAGES = "m";
  private static final char SEPARATOR = '|';

  private PageCursor() {}

  public static String afterConversation(Instant createdAt, String id) {
    return seal(CONVERSATIONS + SEPARATOR + createdAt.getEpochSecond() + SEPARATOR + createdAt.getNano() + SEPARATOR + id);
  }

  public static String afterMessage(long seq) {
    return seal(MESSAGES + SEPARATOR + seq);
  }

  public static ConversationPosition conversationPosition(String cursor) {
    String[] fields = open(cursor).split("\\|", 4);
    if (fields.length != 4 || !fields[0].equals(CONVERSATIONS)) {
      throw invalid();
    }
    try {
      long seconds = Long.parseLong(fields[1]);
      int nanos = Integer.parseInt(fields[2]);
      if (nanos < 0 || nanos > 999_999_999) {
        throw invalid();
      }
      return new ConversationPosition(Instant.ofEpochSecond(seconds, nanos), fields[3]);
    } catch (NumberFormatException | java.time.DateTimeException e) {
      throw invalid();
    }
  }

  public static long messagePosition(String cursor) {
    String[] fields = open(cursor).split("\\|", -1);
    if (fields.length != 2 || !fields[0].equals(MESSAGES)) {
      throw invalid();
    }
    try {
      long seq = Long.parseLong(fields[1]);
      if (seq < 0) {
        throw invalid();
      }
      return seq;
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  private static String seal(String payload) {
    String sealed = payload + SEPARATOR + checksum(payload);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed.getBytes(StandardCharsets.UTF_8));
  }

  private static String open(String cursor) {
    String sealed;
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(cursor);
      // strict decoding: a cursor whose bytes are not valid UTF-8 was not produced here
      sealed = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      throw invalid();
    }
    int split = sealed.lastIndexOf(SEPARATOR);
    if (split < 0) {
      throw invalid();
    }
    String payload = sealed.substring(0, split);
    if (!sealed.substring(split + 1).equals(checksum(payload))) {
      throw invalid();
    }
    return payload;
  }

  private static String checksum(String payload) {
    CRC32 crc = new CRC32();
    crc.update(payload.getBytes(StandardCharsets.UTF_8));
    return Long.toHexString(crc.getValue());
  }

  private static RampartException invalid() {
    return new RampartException(ErrorCode.INVALID_CURSOR, "the cursor was not produced by this listing");
  }
}
