package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the bytes and exit codes of {@code duckstring} (no arguments), {@code --help}, every
 * command's {@code --help}, an unknown command and a usage error, so that a faster start (lazy
 * command registration, decision 52) cannot change what the CLI prints. Run with {@code
 * -Dgolden.update=true} to rewrite the golden file after an intended change.
 */
class CliHelpGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/cli/help.txt");

  @TempDir Path tmp;

  @Test
  void helpOfEveryCommandIsUnchanged() throws IOException {
    StringBuilder all = new StringBuilder();
    String overview = run(all, List.of("--help"));
    run(all, List.of());
    run(all, List.of("help"));
    for (String name : commands(overview)) {
      run(all, words(name, "--help"));
      run(all, words("help", name));
    }
    run(all, List.of("pulsee", "dev", "x"));
    run(all, List.of("catchment", "strat"));
    run(all, List.of("pulse", "--bogus"));
    run(all, List.of("status", "a", "b", "c"));
    Path golden = GOLDEN;
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, all.toString());
    }
    assertEquals(Files.readString(golden), all.toString());
  }

  @Test
  void eachCommandIsRegisteredUnderItsOwnName() {
    Cli cli = new Cli();
    for (Command c : cli.all()) {
      assertEquals(c, cli.command(c.name()), c.name());
    }
  }

  /** The command names listed by the overview: " NAME summary" lines. */
  private static List<String> commands(String overview) {
    List<String> names = new ArrayList<>();
    for (String line : overview.lines().toList()) {
      if (line.startsWith("  ")) {
        names.add(line.strip().split(" {2,}")[0]);
      }
    }
    return names;
  }

  private static List<String> words(String name, String... more) {
    List<String> out = new ArrayList<>(List.of(name.split(" ")));
    out.addAll(List.of(more));
    return out;
  }

  /** Runs one command line and appends it, its exit code, stdout and stderr to {@code all}. */
  private String run(StringBuilder all, List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      Env env =
          new Env(
              tmp.resolve("home"),
              tmp,
              new BufferedReader(new StringReader("")),
              o,
              e,
              false,
              Clock.systemUTC(),
              new CountDownLatch(1));
      code = Cli.run(args.toArray(new String[0]), env);
    }
    String stdout = out.toString(StandardCharsets.UTF_8);
    all.append("$ duckstring ")
        .append(String.join(" ", args))
        .append("\n[exit ")
        .append(code)
        .append("]\n")
        .append(stdout)
        .append("[stderr]\n")
        .append(err.toString(StandardCharsets.UTF_8))
        .append("[end]\n\n");
    return stdout;
  }
}
