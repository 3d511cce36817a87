package dev.duckstring.runner;

import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Names;
import dev.duckstring.model.PondPin;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the pinned references in a query's SQL, {@code outlet@1.daily} and {@code
 * "outlet@1".daily}, with a lexer that skips string literals, comments and other quoted
 * identifiers. An unquoted pin is not SQL, so it is rewritten to the quoted form, a schema {@link
 * QueryService} creates; the quoted form is kept as written. See decision 46.
 */
public final class SqlPins {
  private SqlPins() {}

  /** The SQL with every unquoted pin quoted, and the pins it names ({@code 1}, {@code 1.2.0}). */
  public record Pinned(String sql, Set<String> pins) {
    public Pinned {
      pins = Collections.unmodifiableSet(new LinkedHashSet<>(pins));
    }
  }

  /**
   * The pins of {@code pond} that {@code sql} reads; a one-line error with the line and column for
   * a bad pin, a pin with no table after it, or a pin of another Pond.
   */
  public static Pinned find(String sql, String pond) {
    Names.check("pond", pond);
    StringBuilder out = new StringBuilder(sql.length() + 8);
    Set<String> pins = new LinkedHashSet<>();
    int copied = 0;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        i = SqlText.lineEnd(sql, i);
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        i = SqlText.blockCommentEnd(sql, i);
      } else if (c == '"') {
        int end = SqlText.tokenEnd(sql, i);
        quoted(sql, i, end, pond, pins);
        i = end;
      } else if (c == '\'' || c == '$') {
        i = SqlText.tokenEnd(sql, i);
      } else if (SqlText.isIdentChar(c)) {
        int j = i;
        while (j < n && SqlText.isIdentChar(sql.charAt(j))) {
          j++;
        }
        boolean word = Character.isLetter(c) || c == '_';
        boolean qualified = i > 0 && sql.charAt(i - 1) == '.';
        if (word && !qualified && j < n && sql.charAt(j) == '@') {
          int end = pinEnd(sql, j + 1);
          String pin = sql.substring(j + 1, end);
          if (pinned(sql, i, sql.substring(i, j), pin, end, pond)) {
            pins.add(pin);
            out.append(sql, copied, i).append('"').append(pond).append('@').append(pin);
            out.append('"');
            copied = end;
          }
          j = Math.max(j, end);
        }
        i = j;
      } else {
        i++;
      }
    }
    out.append(sql, copied, n);
    return new Pinned(out.toString(), pins);
  }

  /**
   * True if {@code name@pin} at {@code start} is a pin of {@code pond} to rewrite; throws for a
   * malformed one. Anything else (an operator such as {@code @>}) is left to DuckDB.
   */
  private static boolean pinned(String sql, int start, String name, String pin, int end, String p) {
    boolean table =
        end + 1 < sql.length()
            && sql.charAt(end) == '.'
            && (Character.isLetter(sql.charAt(end + 1))
                || sql.charAt(end + 1) == '_'
                || sql.charAt(end + 1) == '"');
    if (pin.isEmpty()) {
      return false; // an operator such as @>
    }
    String at = name + "@" + pin + SqlQueries.where(sql, start) + ": ";
    if (!name.toLowerCase(Locale.ROOT).equals(p)) {
      if (table && Character.isDigit(pin.charAt(0))) {
        throw new DuckstringException(
            at + "a query reads the lines of one Pond, here " + p + "; query " + name + " alone");
      }
      return false;
    }
    if (!PondPin.isPin(pin)) {
      throw new DuckstringException(at + badPin(p, pin));
    }
    if (!table) {
      throw new DuckstringException(at + "name a table after the pin, as " + p + "@" + pin + ".t");
    }
    return true;
  }

  /** Records the pin of a quoted {@code "pond@pin"} followed by a dot; throws for a bad one. */
  private static void quoted(String sql, int start, int end, String pond, Set<String> pins) {
    if (end >= sql.length() || sql.charAt(end) != '.' || sql.charAt(end - 1) != '"') {
      return;
    }
    String text = sql.substring(start + 1, end - 1).replace("\"\"", "\"");
    int at = text.indexOf('@');
    if (at < 0 || !text.substring(0, at).toLowerCase(Locale.ROOT).equals(pond)) {
      return;
    }
    String pin = text.substring(at + 1);
    if (!PondPin.isPin(pin)) {
      throw new DuckstringException(
          "\"" + text + "\"" + SqlQueries.where(sql, start) + ": " + badPin(pond, pin));
    }
    pins.add(pin);
  }

  /**
   * Where an unquoted pin starting at {@code from} ends: its first dot-separated part, then each
   * further part that starts with a digit ({@code 1.2.0}); a part that starts with a letter is the
   * table.
   */
  private static int pinEnd(String sql, int from) {
    int k = part(sql, from);
    while (k + 1 < sql.length() && sql.charAt(k) == '.' && Character.isDigit(sql.charAt(k + 1))) {
      k = part(sql, k + 1);
    }
    return k;
  }

  private static int part(String sql, int k) {
    while (k < sql.length()) {
      char c = sql.charAt(k);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '+')) {
        break;
      }
      k++;
    }
    return k;
  }

  private static String badPin(String pond, String pin) {
    return "'" + pin + "' is not a major (" + pond + "@1) or a version (" + pond + "@1.2.0)";
  }
}
