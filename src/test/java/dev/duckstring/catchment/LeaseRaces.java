package dev.duckstring.catchment;

import dev.duckstring.fs.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lease races between two real JVMs over a stale lock; exactly one must win each. Runs from a shell
 * (the chaos script): {@code java -cp 'target/classes:target/test-classes:target/lib/*'
 * dev.duckstring.catchment.LeaseRaces 200 [dir]} prints one line per failed race and a summary, and
 * exits 0 when every race had exactly one winner.
 */
public final class LeaseRaces {
  /** What a run of races found. */
  public record Outcome(int races, int oneWinner, List<String> failures) {}

  private LeaseRaces() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("contender")) {
      contender();
      return;
    }
    int races = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("lease-races");
    Outcome o = run(races, dir);
    o.failures().forEach(System.out::println);
    System.out.println(
        o.oneWinner()
            + " of "
            + o.races()
            + " lease races had exactly one winner (roots under "
            + dir
            + ")");
    System.exit(o.oneWinner() == o.races() ? 0 : 1);
  }

  /**
   * Runs {@code races} races under {@code dir}, each on a fresh root with a stale lock: an older
   * version's catchment.lock of a dead pid, or a silent other host's lease file; every other pair
   * of races without the kernel lock, so the lease files alone must decide.
   */
  public static Outcome run(int races, Path dir) throws Exception {
    List<String> failures = new ArrayList<>();
    int ok = 0;
    try (Contender a = new Contender();
        Contender b = new Contender()) {
      for (int race = 0; race < races; race++) {
        CatchmentLayout layout = new CatchmentLayout(dir.resolve("race-" + race));
        Files.createDirectories(layout.root());
        staleLock(layout, race);
        String mode = (race / 2) % 2 == 0 ? "kernel" : "file";
        String command = "race " + layout.root() + " " + mode;
        a.send(command);
        b.send(command);
        String ra = a.answer();
        String rb = b.answer();
        int winners = (ra.startsWith("won") ? 1 : 0) + (rb.startsWith("won") ? 1 : 0);
        if (winners == 1) {
          ok++;
        } else {
          failures.add(
              "race "
                  + race
                  + " ("
                  + mode
                  + "): "
                  + winners
                  + " winners: ["
                  + ra
                  + "] ["
                  + rb
                  + "]");
        }
        for (Contender c : List.of(a, b)) {
          c.send("release");
          c.answer();
        }
      }
    }
    return new Outcome(races, ok, failures);
  }

  /** The child side: takes leases as told on stdin, answers one line each. */
  private static void contender() throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Lease held = null;
    for (String line; (line = in.readLine()) != null; ) {
      String[] w = line.split(" ");
      if (w[0].equals("race")) {
        try {
          held =
              Lease.acquire(
                  new CatchmentLayout(Path.of(w[1])), Instant.now(), w[2].equals("kernel"));
          out.println("won " + held.generation());
        } catch (RuntimeException e) {
          out.println("lost " + e.getMessage());
        }
      } else if (w[0].equals("release")) {
        if (held != null) {
          held.release();
          held = null;
        }
        out.println("released");
      }
    }
  }

  /** One contender JVM, driven over its stdin. */
  private static final class Contender implements AutoCloseable {
    private final Process process;
    private final Writer to;
    private final BufferedReader from;

    Contender() throws IOException {
      String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String cp =
          System.getProperty(
              "java.class.path"); // the same classes as this JVM (under Maven: its booter jar)
      process =
          new ProcessBuilder(
                  javaBin,
                  "-Xshare:auto",
                  "-XX:TieredStopAtLevel=1",
                  "-cp",
                  cp,
                  LeaseRaces.class.getName(),
                  "contender")
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      to = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      from =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    void send(String line) throws IOException {
      to.write(line + "\n");
      to.flush();
    }

    String answer() throws IOException {
      String line = from.readLine();
      if (line == null) {
        throw new IOException("a contender died (exit " + process.exitValue() + ")");
      }
      return line;
    }

    @Override
    public void close() throws IOException {
      to.close();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Race {@code i}'s stale lock: an older version's file of a dead pid, or a silent other host. */
  public static void staleLock(CatchmentLayout layout, int i) throws IOException {
    Instant longAgo = Instant.parse("2001-01-01T00:00:00Z");
    if (i % 2 == 0) {
      Files.writeString(
          layout.lock(),
          Json.write(new Lease.Holder(Lease.hostName(), Long.MAX_VALUE, longAgo, longAgo)));
    } else {
      writeGeneration(layout, i, new Lease.Holder("elsewhere", 1, longAgo, longAgo, i, false));
    }
  }

  /** Writes a lease file as another host would: whole, under its final name. */
  public static void writeGeneration(CatchmentLayout layout, long n, Lease.Holder h)
      throws IOException {
    Path tmp = layout.root().resolve(".tmp-gen");
    Files.writeString(tmp, Json.write(h));
    Files.move(tmp, layout.lockGeneration(n));
  }
}
