package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every {@code duckstring ...} example in the docs names a real command with real options. */
class DocsExamplesTest {
  @Test
  void everyDocumentedCommandLineParses() throws IOException {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Path doc : docs()) {
      boolean inShell = false;
      for (String line : Files.readAllLines(doc)) {
        if (line.startsWith("```")) {
          inShell = !inShell && line.startsWith("```sh");
          continue;
        }
        String l = line.strip();
        if (!inShell || !l.startsWith("duckstring ")) {
          continue;
        }
        List<String> args = words(l.substring("duckstring ".length()));
        args.add("--help");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
            new Cli()
                .dispatch(
                    args,
                    new Env(
                        Path.of("/nonexistent"),
                        Path.of("/nonexistent"),
                        new BufferedReader(new StringReader("")),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        false,
                        Clock.systemUTC(),
                        new CountDownLatch(1)));
        checked++;
        if (code != 0) {
          failures.add(doc + ": " + l + " -> " + err.toString(StandardCharsets.UTF_8).strip());
        }
      }
    }
    assertEquals(List.of(), failures);
    assertTrue(checked > 30, "only " + checked + " examples found");
  }

  private static List<Path> docs() throws IOException {
    List<Path> out = new ArrayList<>(List.of(Path.of("README.md")));
    try (Stream<Path> s = Files.walk(Path.of("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
    }
    return out;
  }

  /** Splits a shell line into words: quotes group, {@code #} starts a comment. */
  static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    for (char ch : line.toCharArray()) {
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        } else {
          w.append(ch);
        }
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
        inWord = true;
      } else if (ch == '#' && !inWord) {
        break;
      } else if (Character.isWhitespace(ch)) {
        if (inWord) {
          out.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else {
        w.append(ch);
        inWord = true;
      }
    }
    if (inWord) {
      out.add(w.toString());
    }
    return out;
  }
}
