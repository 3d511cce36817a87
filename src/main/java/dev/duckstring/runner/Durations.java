package dev.duckstring.runner;

import java.time.Duration;

/** Renders durations for one-line messages: {@code 90s}, {@code 2m}, {@code 1h30m}, {@code 250ms}. */
final class Durations {
  private Durations() {}

  static String human(Duration d) {
    if (d.toMillis() < 1000) {
      return d.toMillis() + "ms";
    }
    long s = d.toSeconds();
    if (s < 120 || s % 60 != 0) {
      return s + "s";
    }
    long m = s / 60;
    if (m < 60 || m % 60 != 0) {
      return m >= 60 ? (m / 60) + "h" + (m % 60) + "m" : m + "m";
    }
    return (m / 60) + "h";
  }
}
