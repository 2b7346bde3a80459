package dev.rampart.perf.guard;

import java.util.Random;

/** Deterministic texts to scan: prose with scattered entities, and entity-dense log lines. */
public final class SampleTexts {

  private static final String[] WORDS = (
      "the a of to and in that it is was for on are with as his they be at one have this from or had by "
          + "word but what some we can out other were all there when up use your how said an each she which do "
          + "their time if will way about many then them write would like so these her long make thing see him "
          + "two has look more day could go come did number sound no most people my over know water than call "
          + "first who may down side been now find any new work part take get place made live where after back "
          + "little only round man year came show every good me give our under name very through just form "
          + "sentence great think say help low line differ turn cause much mean before move right boy old too "
          + "deployment service request customer invoice schedule meeting report quarter budget review").split(" ");

  private static final String[] ENTITIES = {
    "jane.doe@example.com", "+44 20 7946 0958", "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00",
    "https://example.com/orders?id=42", "192.168.10.24", "(415) 555-2671", "123-45-6789",
    "AKIAIOSFODNN7EXAMPLE", "2001:db8::8a2e:370:7334"
  };

  private SampleTexts() {}

  /** About {@code chars} characters of prose, with an entity roughly every 400 characters. */
  static String prose(int chars) {
    Random r = new Random(42);
    StringBuilder b = new StringBuilder(chars + 200);
    int sinceEntity = 0;
    while (b.length() < chars) {
      int words = 8 + r.nextInt(12);
      for (int w = 0; w < words; w++) {
        String word = WORDS[r.nextInt(WORDS.length)];
        b.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word).append(' ');
      }
      sinceEntity += words * 5;
      if (sinceEntity > 400) {
        b.append("contact ").append(ENTITIES[r.nextInt(ENTITIES.length)]).append(' ');
        sinceEntity = 0;
      }
      b.setLength(b.length() - 1);
      b.append(". ");
    }
    return b.toString();
  }

  /**
   * About {@code chars} characters of prose with a phone number every ~400 characters, each one
   * different: the worst case for phone validation, which no repeat can save.
   */
  static String phones(int chars) {
    Random r = new Random(99);
    StringBuilder b = new StringBuilder(chars + 200);
    while (b.length() < chars) {
      int words = 60 + r.nextInt(30);
      for (int w = 0; w < words; w++) {
        b.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
      }
      if (r.nextBoolean()) {
        b.append("call +44 20 7946 ").append(String.format("%04d", r.nextInt(1000))).append(". ");
      } else {
        b.append("phone (415) 555-").append(String.format("%04d", r.nextInt(10000))).append(". ");
      }
    }
    return b.toString();
  }

  /** The corpus of that name. */
  public static String corpus(String name, int chars) {
    return switch (name) {
      case "prose" -> prose(chars);
      case "logs" -> logs(chars);
      case "phones" -> phones(chars);
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** About {@code chars} characters of log lines, several entities per line. */
  static String logs(int chars) {
    Random r = new Random(7);
    StringBuilder b = new StringBuilder(chars + 200);
    int n = 0;
    while (b.length() < chars) {
      n++;
      b.append("2026-11-21T10:").append(10 + r.nextInt(50)).append(':').append(10 + r.nextInt(50))
          .append(".").append(100 + r.nextInt(900)).append("Z INFO  [http-").append(r.nextInt(8)).append("] ")
          .append("req=").append(Long.toHexString(r.nextLong())).append(" user=user").append(n % 97).append("@example.org")
          .append(" ip=10.").append(r.nextInt(256)).append('.').append(r.nextInt(256)).append('.').append(r.nextInt(256))
          .append(" path=/api/v1/orders/").append(r.nextInt(100000))
          .append(" status=").append(200 + r.nextInt(4) * 100).append(" ms=").append(r.nextInt(900))
          .append(n % 5 == 0 ? " card=4111-1111-1111-1111" : "")
          .append(n % 7 == 0 ? " phone=+1 415 555 2671" : "")
          .append(n % 11 == 0 ? " iban=GB82WEST12345698765432" : "")
          .append('\n');
    }
    return b.toString();
  }
}
