package dev.rampart.plugins.pii.engine;

import java.util.Locale;

/** BIP-173 (Bech32) and BIP-350 (Bech32m) checksums for Bitcoin SegWit addresses. */
final class Bech32 {

  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int BECH32_CONST = 1;
  private static final int BECH32M_CONST = 0x2bc830a3;
  private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

  private Bech32() {}

  /** True for a mainnet ("bc") SegWit address whose checksum and program length are right. */
  static boolean isSegwitAddress(String address) {
    if (!address.equals(address.toLowerCase(Locale.ROOT)) && !address.equals(address.toUpperCase(Locale.ROOT))) {
      return false; // mixed case is invalid by the spec
    }
    String a = address.toLowerCase(Locale.ROOT);
    int sep = a.lastIndexOf('1');
    if (sep != 2 || !a.startsWith("bc") || a.length() - sep - 1 < 7 || a.length() > 90) {
      return false;
    }
    int[] data = new int[a.length() - sep - 1];
    for (int k = 0; k < data.length; k++) {
      data[k] = CHARSET.indexOf(a.charAt(sep + 1 + k));
      if (data[k] < 0) {
        return false;
      }
    }
    int check = polymod(a.substring(0, sep), data);
    int version = data[0];
    if (version > 16 || check != (version == 0 ? BECH32_CONST : BECH32M_CONST)) {
      return false;
    }
    int programBits = (data.length - 1 - 6) * 5;
    int programBytes = programBits / 8;
    if (programBits % 8 >= 5) {
      return false; // padding longer than 4 bits
    }
    return version == 0 ? programBytes == 20 || programBytes == 32 : programBytes >= 2 && programBytes <= 40;
  }

  private static int polymod(String hrp, int[] data) {
    int chk = 1;
    for (int k = 0; k < hrp.length(); k++) {
      chk = step(chk, hrp.charAt(k) >> 5);
    }
    chk = step(chk, 0);
    for (int k = 0; k < hrp.length(); k++) {
      chk = step(chk, hrp.charAt(k) & 31);
    }
    for (int v : data) {
      chk = step(chk, v);
    }
    return chk;
  }

  private static int step(int chk, int value) {
    int top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ value;
    for (int g = 0; g < 5; g++) {
      if (((top >>> g) & 1) != 0) {
        chk ^= GENERATOR[g];
      }
    }
    return chk;
  }
}
