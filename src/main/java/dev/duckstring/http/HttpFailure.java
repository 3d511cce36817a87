package dev.duckstring.http;

import dev.duckstring.model.DuckstringException;

/** An error answered with an HTTP status and a one-line message ({@code {"error": "..."}}). */
final class HttpFailure extends DuckstringException {
  private static final long serialVersionUID = 1L;
  private final int status;

  HttpFailure(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }

  static HttpFailure notFound(String message) {
    return new HttpFailure(404, message);
  }

  static HttpFailure badRequest(String message) {
    return new HttpFailure(400, message);
  }
}
