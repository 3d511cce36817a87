package dev.duckstring.model;

/**
 * Validates the names that become directory names and SQL identifiers (Ponds, Ripples): {@code
 * [a-z][a-z0-9_]{0,62}}.
 */
public final class Names {
  private Names() {}

  /** Returns {@code name} if it is a valid Pond or Ripple name, else throws naming {@code what}. */
  public static String check(String what, String name) {
    if (!isValid(name)) {
      throw new DuckstringException(
          what
              + " '"
              + name
              + "' is not a valid name: use 1-63 lower-case letters, digits and '_', starting with a"
              + " letter");
    }
    return name;
  }

  /** True if {@code name} is a valid Pond or Ripple name. */
  public static boolean isValid(String name) {
    if (name == null || name.isEmpty() || name.length() > 63) {
      return false;
    }
    // [a-z][a-z0-9_]{0,62} by hand: compiling the regex is a measurable part of a CLI start.
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (i > 0 && ((c >= '0' && c <= '9') || c == '_'));
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
