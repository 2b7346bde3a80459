package dev.rampart.platform.plugin;

import java.util.List;

/**
 * Packages a plugin must share with the platform: a plugin that bundles its own copy of Vert.x,
 * Netty, Jackson, SLF4J or the Rampart SPI would otherwise get classes that are not the
 * platform's, and fail with LinkageErrors or find no extensions. Everything else is loaded
 * plugin-first, so plugins may bring their own versions of other libraries.
 */
final class SharedPackages {

  static final List<String> PREFIXES =
      List.of(
          "java.",
          "javax.",
          "jdk.",
          "sun.",
          "org.pf4j.",
          "org.slf4j.",
          "io.vertx.",
          "io.netty.",
          "com.fasterxml.jackson.",
          "dev.rampart.contracts.");

  private SharedPackages() {}

  static boolean isShared(String className) {
    for (String prefix : PREFIXES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
