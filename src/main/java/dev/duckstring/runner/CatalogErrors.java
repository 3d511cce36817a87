package dev.duckstring.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** DuckDB's "no such table", told in the Pond's terms: its own tables, never DuckDB's catalog. */
public final class CatalogErrors {
  private static final Pattern MISSING =
      Pattern.compile("(Catalog Error: Table with name (.+?) does not exist!)(.*)", Pattern.DOTALL);
  private static final Pattern HINT = Pattern.compile("Did you mean \"([^\"]+)\"\\?");

  /** Files named at most, then "and N more". */
  private static final int FILES_SHOWN = 5;

  private CatalogErrors() {}

  /**
   * {@code message} with DuckDB's hint (which may name its own catalog, {@code
   * pg_prepared_statements}) replaced by one about {@code pond}'s published Ripples ({@code dirs}):
   * the files of a Ripple that publishes no table, or the Pond's tables (with DuckDB's "did you
   * mean" only when it names one of them).
   */
  static String explain(String message, String pond, Map<String, Path> dirs) {
    Matcher m = MISSING.matcher(message);
    if (!m.matches()) {
      return message;
    }
    String name = m.group(2);
    List<String> tables = new ArrayList<>();
    for (Map.Entry<String, Path> e : dirs.entrySet()) {
      Optional<String> files = filesInstead(e.getKey(), e.getValue());
      if (files.isEmpty()) {
        tables.add(e.getKey());
      } else if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return m.group(1)
            + " Ripple '"
            + e.getKey()
            + "' publishes files, not a table: "
            + files.get()
            + ".";
      }
    }
    // DuckDB's own hint is kept only when it names one of the Pond's tables (bare or qualified).
    Matcher said = HINT.matcher(m.group(3));
    String named = said.find() ? said.group(1) : null;
    String bare =
        named != null && named.startsWith(pond + ".") ? named.substring(pond.length() + 1) : named;
    String hint = bare != null && tables.contains(bare) ? " Did you mean \"" + named + "\"?" : "";
    return m.group(1)
        + hint
        + (tables.isEmpty()
            ? " " + pond + " publishes no table."
            : " Tables of " + pond + ": " + String.join(", ", tables) + ".");
  }

  /**
   * The files of Ripple output {@code dir} ({@code report.md}), when it holds no table that SQL can
   * read; empty when it does.
   */
  public static Optional<String> filesInstead(String ripple, Path dir) {
    if (TableViews.scan(dir, ripple).isPresent()) {
      return Optional.empty();
    }
    List<String> names;
    try (Stream<Path> s = Files.list(dir)) {
      names =
          s.map(p -> p.getFileName().toString() + (Files.isDirectory(p) ? "/" : ""))
              .filter(n -> !n.startsWith("."))
              .sorted()
              .toList();
    } catch (IOException e) {
      names = List.of();
    }
    return Optional.of(
        names.isEmpty()
            ? "no files"
            : String.join(", ", names.subList(0, Math.min(FILES_SHOWN, names.size())))
                + (names.size() > FILES_SHOWN
                    ? " and " + (names.size() - FILES_SHOWN) + " more"
                    : ""));
  }
}
