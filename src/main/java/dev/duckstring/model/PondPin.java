package dev.duckstring.model;

import java.util.regex.Pattern;

/**
 * A Pond named for a read, optionally pinned: {@code outlet} (the highest major), {@code outlet@1}
 * (a major) or {@code outlet@1.2.0} (a version, meaning its major). {@code pin} is null when none
 * is given. See decision 46.
 */
public record PondPin(String pond, String pin) {
  private static final Pattern MAJOR = Pattern.compile("\\d{1,9}");

  public PondPin {
    Names.check("pond", pond);
    if (pin != null && !isPin(pin)) {
      throw new DuckstringException(
          pond
              + "@"
              + pin
              + ": '"
              + pin
              + "' is not a major ("
              + pond
              + "@1) or a version ("
              + pond
              + "@1.2.0)");
    }
  }

  /** {@code POND} or {@code POND@PIN}; a one-line error for a bad name or pin. */
  public static PondPin parse(String text) {
    if (text == null) {
      throw new DuckstringException("no pond given");
    }
    int at = text.indexOf('@');
    return at < 0
        ? new PondPin(text, null)
        : new PondPin(text.substring(0, at), text.substring(at + 1));
  }

  /** True if {@code pin} is a major ({@code 1}) or a strict semantic version ({@code 1.2.0}). */
  public static boolean isPin(String pin) {
    return pin != null && (MAJOR.matcher(pin).matches() || PondVersion.isValid(pin));
  }

  /**
   * This pin and {@code --version V} together: V when there is no pin, this when V is null or the
   * same pin; a one-line error when both are given and differ.
   */
  public PondPin withVersion(String version) {
    if (version == null || version.equals(pin)) {
      return this;
    }
    if (pin == null) {
      return new PondPin(pond, version);
    }
    throw new DuckstringException(
        this + " and --version " + version + " name different versions: give one of them");
  }

  /** True when a major or a version is named. */
  public boolean pinned() {
    return pin != null;
  }

  /** True when the pin is a major ({@code 1}) rather than a version. */
  public boolean isMajor() {
    return pin != null && MAJOR.matcher(pin).matches();
  }

  /** The major the pin names; only when {@link #pinned}. */
  public int major() {
    if (pin == null) {
      throw new IllegalStateException(pond + " has no pin");
    }
    return isMajor() ? Integer.parseInt(pin) : PondVersion.parse(pin).major();
  }

  /** The version the pin names; only when it names one (not a major). */
  public PondVersion version() {
    if (pin == null || isMajor()) {
      throw new IllegalStateException(this + " names no version");
    }
    return PondVersion.parse(pin);
  }

  @Override
  public String toString() {
    return pin == null ? pond : pond + "@" + pin;
  }
}
