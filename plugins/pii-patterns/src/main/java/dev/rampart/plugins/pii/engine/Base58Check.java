package dev.rampart.plugins.pii.engine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Base58Check as Bitcoin uses it: version byte, payload, first four bytes of SHA-256(SHA-256). */
final class Base58Check {

  private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final byte[] VALUES = new byte[128];
  private static final int DECODED = 25;

  static {
    Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      VALUES[ALPHABET.charAt(i)] = (byte) i;
    }
  }

  private Base58Check() {}

  /** True for a P2PKH (version 0x00) or P2SH (0x05) address with a correct checksum. */
  static boolean isBitcoinAddress(String s, int from, int to) {
    byte[] bytes = new byte[DECODED];
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      int carry = c < 128 ? VALUES[c] : -1;
      if (carry < 0) {
        return false;
      }
      for (int b = DECODED - 1; b >= 0; b--) {
        carry += 58 * (bytes[b] & 0xff);
        bytes[b] = (byte) carry;
        carry >>>= 8;
      }
      if (carry != 0) {
        return false; // more than 25 bytes
      }
    }
    int leadingOnes = 0;
    while (from + leadingOnes < to && s.charAt(from + leadingOnes) == '1') {
      leadingOnes++;
    }
    int leadingZeros = 0;
    while (leadingZeros < DECODED && bytes[leadingZeros] == 0) {
      leadingZeros++;
    }
    if (leadingOnes != leadingZeros || (bytes[0] != 0 && bytes[0] != 5)) {
      return false;
    }
    byte[] hash = doubleSha256(bytes, 21);
    for (int k = 0; k < 4; k++) {
      if (hash[k] != bytes[21 + k]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] doubleSha256(byte[] data, int len) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(data, 0, len);
      return sha.digest(sha.digest());
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }
}
