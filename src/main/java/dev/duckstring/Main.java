package dev.duckstring;

/** Entry point. */
public final class Main {
  public static void main(String[] args) {}
}
