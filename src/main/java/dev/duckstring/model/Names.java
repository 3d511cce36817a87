package dev.duckstring.model;

import java.util.regex.Pattern;

/** Validates the names that become directory names and SQL identifiers (Ponds, Ripples). */
public final class Names {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private Names() {}

  /** Returns {@code name} if it is a valid Pond or Ripple name, else throws naming {@code what}. */
  public static String check(String what, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
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
    return name != null && NAME.matcher(name).matches();
  }
}
