package dev.duckstring.manifest;

import dev.duckstring.model.Diagnostic;
import dev.duckstring.model.DuckstringException;
import java.util.List;
import java.util.stream.Collectors;

/** A TOML file failed validation; holds every located error found, one per line in the message. */
public final class ManifestException extends DuckstringException {
  private static final long serialVersionUID = 1L;
  private final transient List<Diagnostic> diagnostics;

  public ManifestException(List<Diagnostic> diagnostics) {
    super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
