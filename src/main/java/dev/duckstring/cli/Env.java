package dev.duckstring.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * What a command may touch of the outside world, injected so tests run the CLI in-process.
 *
 * @param home the user's home (registrations live in {@code home/.duckstring/config.toml})
 * @param cwd the directory relative paths and default outputs resolve against
 * @param interactive true when stdin is a terminal: missing options are prompted for
 * @param stop counted down to stop a foreground daemon (Ctrl+C, SIGTERM, or a test)
 */
public record Env(
    Path home,
    Path cwd,
    BufferedReader in,
    PrintStream out,
    PrintStream err,
    boolean interactive,
    Clock clock,
    CountDownLatch stop) {

  /** The process's real environment. */
  public static Env system() {
    return new Env(
        home(System.getenv(), System.getProperty("user.home")),
        Path.of("").toAbsolutePath(),
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
        System.out,
        System.err,
        System.console() != null,
        Clock.systemUTC(),
        new CountDownLatch(1));
  }

  /**
   * The user's home: {@code DUCKSTRING_HOME}, else {@code HOME} (as cron and containers set it),
   * else Java's {@code user.home} (the password database's entry).
   */
  static Path home(Map<String, String> environment, String userHome) {
    String own = environment.get("DUCKSTRING_HOME");
    if (own != null) {
      return Path.of(own);
    }
    String home = environment.get("HOME");
    return home != null && !home.isEmpty() ? Path.of(home) : Path.of(userHome);
  }

  /** The user's registrations file. */
  public Path registrations() {
    return home.resolve(".duckstring").resolve("config.toml");
  }

  /** Resolves a user-given path against the working directory. */
  public Path resolve(String path) {
    if (path.equals("~") || path.startsWith("~/")) {
      return home.resolve(path.equals("~") ? "" : path.substring(2)).normalize();
    }
    return cwd.resolve(path).normalize();
  }
}
