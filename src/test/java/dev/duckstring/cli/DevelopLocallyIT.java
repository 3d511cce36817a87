package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/develop-locally.md as written: each {@code ```sh} block runs in order under {@code sh -e},
 * with the packaged {@code bin/duckstring} first on PATH and a fresh HOME and DUCKSTRING_HOME, in
 * the directory the block before it ended in, and must exit 0; a {@code ```text} block right after
 * one is its expected output: each line appears within one line of what the block printed, {@code
 * …} standing for anything. The block that starts the Catchment runs in the foreground in the doc;
 * here it runs in the background (its port replaced by 0, so parallel runs cannot collide) until
 * every other block has run, and must then stop cleanly on SIGTERM.
 */
class DevelopLocallyIT {
  static final Path DOC = Path.of("docs/develop-locally.md");
  private static final String START = "duckstring catchment start";

  @TempDir Path tmp;

  /** One {@code ```sh} block and the {@code ```text} block right after it, if any (else null). */
  record Block(String script, String expected) {}

  /** The sh blocks of {@code doc} in order, each with the output it shows. */
  static List<Block> blocks(Path doc) throws IOException {
    List<Block> out = new ArrayList<>();
    StringBuilder b = null;
    String kind = null;
    boolean afterSh = false;
    for (String l : Files.readAllLines(doc)) {
      if (kind == null && l.startsWith("```")) {
        kind = l.substring(3).strip();
        b = new StringBuilder();
      } else if (kind != null && l.equals("```")) {
        if (kind.equals("sh")) {
          out.add(new Block(b.toString(), null));
          afterSh = true;
        } else if (kind.equals("text") && afterSh) {
          Block last = out.remove(out.size() - 1);
          out.add(new Block(last.script(), b.toString()));
          afterSh = false;
        } else {
          afterSh = false;
        }
        kind = null;
      } else if (kind != null) {
        b.append(l).append('\n');
      } else if (!l.isBlank()) {
        afterSh = false; // prose between the blocks: the text block is not this one's output
      }
    }
    return out;
  }

  @Test
  void theWalkthroughRunsAsWritten() throws Exception {
    List<Block> blocks = blocks(DOC);
    String all = String.join("\n", blocks.stream().map(Block::script).toList());
    for (String step :
        List.of(
            START,
            "duckstring pond demo",
            "duckstring deploy dev",
            "duckstring pulse dev outlet --wait",
            "duckstring pond hydrate dev",
            "duckstring pond run",
            "duckstring pond test",
            "duckstring query dev")) {
      assertTrue(all.contains(step), "the walkthrough shows " + step);
    }
    assertTrue(blocks.get(0).script().strip().startsWith(START), "it starts a Catchment first");

    Path home = Files.createDirectories(tmp.resolve("home"));
    Path work = Files.createDirectories(tmp.resolve("work"));
    Path cwd = tmp.resolve("cwd");
    Files.writeString(cwd, work.toString());
    Path log = tmp.resolve("daemon.log");
    String start = blocks.get(0).script().strip().replaceAll("--port \\d+", "--port 0");
    assertEquals(1, start.lines().count(), "the daemon's block is the one command: " + start);
    Process daemon =
        shell(home, work, List.of("sh", "-c", "exec " + start))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      await(daemon, log);
      for (int i = 1; i < blocks.size(); i++) {
        run(i, blocks.get(i), home, cwd);
      }
    } finally {
      daemon.destroy(); // SIGTERM, as Ctrl+C
      if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
        daemon.destroyForcibly();
        fail("the Catchment did not stop on SIGTERM:\n" + Files.readString(log));
      }
    }
    assertEquals(0, daemon.exitValue(), Files.readString(log));
  }

  /** Runs block {@code i} where the one before it ended; checks its exit and its output. */
  private void run(int i, Block block, Path home, Path cwd) throws Exception {
    Path script = tmp.resolve("block" + i + ".sh");
    Files.writeString(script, block.script() + "pwd > '" + cwd + "'\n");
    Path dir = Path.of(Files.readString(cwd).strip());
    Process p =
        shell(home, dir, List.of("sh", "-e", script.toString())).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("block " + i + " did not end in 5 minutes:\n" + block.script() + out);
    }
    String said = "block " + i + " in " + dir + ":\n" + block.script() + "--- printed:\n" + out;
    assertEquals(0, p.exitValue(), said);
    if (block.expected() != null) {
      for (String want : block.expected().lines().filter(l -> !l.isBlank()).toList()) {
        assertTrue(
            out.lines().anyMatch(line -> matches(line, want)), "expected '" + want + "'\n" + said);
      }
    }
  }

  /** True if the parts of {@code want} between {@code …} appear in {@code line} in order. */
  static boolean matches(String line, String want) {
    int at = 0;
    for (String part : want.split("\u2026")) {
      String p = part.strip();
      int found = line.indexOf(p, at);
      if (found < 0) {
        return false;
      }
      at = found + p.length();
    }
    return true;
  }

  private static ProcessBuilder shell(Path home, Path dir, List<String> cmd) {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().put("HOME", home.toString());
    pb.environment().put("DUCKSTRING_HOME", home.toString());
    pb.environment().remove("COLUMNS");
    String bin = Path.of("bin").toAbsolutePath().toString();
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    return pb;
  }

  /** Waits until the daemon says it runs, or fails with what it said instead. */
  private static void await(Process daemon, Path log) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end) {
      String said = Files.exists(log) ? Files.readString(log) : "";
      if (said.contains("running at")) {
        return;
      }
      if (!daemon.isAlive()) {
        fail("the Catchment did not start:\n" + said);
      }
      Thread.sleep(100);
    }
    fail("the Catchment did not start in 60s:\n" + Files.readString(log));
  }
}
