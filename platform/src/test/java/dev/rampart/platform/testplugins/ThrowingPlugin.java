package dev.rampart.platform.testplugins;

import org.pf4j.Plugin;

/** A plugin whose start throws. */
public class ThrowingPlugin extends Plugin {
  @Override
  public void start() {
    throw new IllegalStateException("boom at start");
  }
}
