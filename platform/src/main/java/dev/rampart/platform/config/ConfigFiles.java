package dev.rampart.platform.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** File names as shown in problems, and the small file facts the readers share. */
final class ConfigFiles {

  private ConfigFiles() {}

  /** Relative paths resolve against the working directory, as everywhere in the config. */
  static Path absolute(String path) {
    return Path.of(path).toAbsolutePath().normalize();
  }

  /** The file relative to the working directory when it lies below it, so problems stay short. */
  static String label(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath();
    return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
  }

  /** A read failure as a problem, without the stack or exception class noise. */
  static String unreadable(Path file, IOException e) {
    return label(file) + ": " + (e instanceof NoSuchFileException ? "file not found" : "cannot be read (" + e.getMessage() + ")");
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }

}
