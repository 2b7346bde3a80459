package dev.rampart.platform.kernel;

/** Entry point: boots the kernel. */
public final class Main {
  public static void main(String[] args) {}
}
