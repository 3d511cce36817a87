package dev.duckstring.runner;

import static java.util.Objects.requireNonNull;

import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Names;
import dev.duckstring.model.PondPin;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one query reads: a Pond's published generation, as bare names ({@code daily}) and {@code
 * POND.TABLE}, and the generations of pinned lines of that Pond ({@code pinned}: pin to
 * generation), as {@code "POND@PIN".TABLE} (decision 46).
 */
public record QueryScope(String pond, Path generation, Map<String, Path> pinned) {
  public QueryScope {
    Names.check("pond", pond);
    requireNonNull(generation, "generation is null");
    pinned = Collections.unmodifiableMap(new TreeMap<>(pinned));
    for (String pin : pinned.keySet()) {
      if (!PondPin.isPin(pin)) {
        throw new DuckstringException("'" + pin + "' is not a pin of " + pond);
      }
    }
  }

  /** The generation of {@code pond} alone. */
  public static QueryScope of(String pond, Path generation) {
    return new QueryScope(pond, generation, Map.of());
  }

  /** This scope with pin {@code pin} reading {@code generation} too. */
  public QueryScope withPin(String pin, Path generation) {
    Map<String, Path> more = new TreeMap<>(pinned);
    more.put(pin, requireNonNull(generation, "generation is null"));
    return new QueryScope(pond, this.generation, more);
  }

  /** The schema name a pin's views live in: {@code outlet@1}. */
  public String schema(String pin) {
    return pond + "@" + pin;
  }
}
