package dev.duckstring.model;

/** One error located in a file, printed as {@code file:line:col: error: message}. */
public record Diagnostic(String file, int line, int column, String message) {
  @Override
  public String toString() {
    String where = line > 0 ? file + ":" + line + ":" + column : file;
    return where + ": error: " + message;
  }
}
