package dev.rampart.platform.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Rampart's own version (from the build), the system version plugins' ranges are checked against. */
public final class PlatformVersion {

  private PlatformVersion() {}

  public static String current() {
    try (InputStream in = PlatformVersion.class.getResourceAsStream("/dev/rampart/platform/version.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("version.properties missing from the platform jar", e);
    }
  }
}
