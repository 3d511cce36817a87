package dev.duckstring.cli;

import java.io.IOException;

/** Asks for a missing option when stdin is a terminal; otherwise takes the default. */
final class Prompt {
  private Prompt() {}

  static String ask(Env env, String question, String fallback) throws IOException {
    if (!env.interactive()) {
      return fallback;
    }
    env.out().print(question + " [" + fallback + "]: ");
    env.out().flush();
    String line = env.in().readLine();
    return line == null || line.isBlank() ? fallback : line.strip();
  }
}
