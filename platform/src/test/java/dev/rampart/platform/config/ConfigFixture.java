package dev.rampart.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A config folder in a temp directory: {@code rampart.yaml} plus {@code tenants/}. */
final class ConfigFixture {

  static final String SECRET = "test-secret-0123456789abcdef-0123456789";

  final Path root;
  final Path platformFile;
  final Path tenants;

  ConfigFixture(Path root) {
    this.root = root;
    this.platformFile = root.resolve("rampart.yaml");
    this.tenants = root.resolve("tenants");
    try {
      Files.createDirectories(tenants);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    platform("auth: { jwt: { secret: " + SECRET + " } }\n");
  }

  ConfigFixture platform(String yaml) {
    write(platformFile, yaml);
    return this;
  }

  ConfigFixture tenant(String fileName, String yaml) {
    write(tenants.resolve(fileName), yaml);
    return this;
  }

  /** A minimal valid tenant whose only key is {@code key}. */
  ConfigFixture tenantWithKey(String id, String key, boolean revoked) {
    return tenant(id + ".yaml", "id: " + id + "\nname: " + id + " inc\napi-keys:\n"
        + "  - { id: main, sha256: " + sha256(key) + ", roles: [agent], revoked: " + revoked + " }\n");
  }

  ConfigFixture delete(String fileName) {
    try {
      Files.delete(tenants.resolve(fileName));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
