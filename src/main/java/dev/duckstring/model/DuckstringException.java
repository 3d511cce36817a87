package dev.duckstring.model;

/** The one unchecked exception whose message is shown to users as a one-line error. */
public class DuckstringException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DuckstringException(String message) {
    super(message);
  }

  public DuckstringException(String message, Throwable cause) {
    super(message, cause);
  }
}
