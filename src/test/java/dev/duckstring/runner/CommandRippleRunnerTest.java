package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.RunOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRippleRunnerTest {
  static final Instant F = Instant.parse("2025-01-02T03:04:05Z");

  @TempDir Path dir;
  Path version;
  Path shop;
  Path clean;
  Path out;
  Path log;
  final CommandRippleRunner runner = new CommandRippleRunner();

  @BeforeEach
  void fixtures() throws Exception {
    version = Files.createDirectories(dir.resolve("versions/1.0.0"));
    shop = Files.createDirectories(dir.resolve("shop/g1/orders"));
    Files.writeString(shop.resolve("orders.csv"), "id\n1\n2\n");
    shop = shop.getParent();
    clean = Files.createDirectories(dir.resolve("staging/clean"));
    out = Files.createDirectories(dir.resolve("staging/export"));
    log = dir.resolve("runs/r1/export.log");
  }

  private Path script(String relative, String body, boolean executable) throws Exception {
    Path file = version.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n" + body);
    if (executable) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return file;
  }

  private CommandRipple ripple(Duration timeout, String... command) {
    return new CommandRipple(
        "sales",
        "export",
        List.of(command),
        version,
        F,
        Map.of("shop", shop),
        Map.of("clean", clean),
        out,
        log,
        timeout);
  }

  @Test
  void runsWithItsEnvironmentInTheVersionDirectoryAndCountsItsFiles() throws Exception {
    script(
        "bin/run.sh",
        "echo \"$DUCKSTRING_POND $DUCKSTRING_RIPPLE $DUCKSTRING_F $1\" > \"$DUCKSTRING_OUT/env.txt\"\n"
            + "echo \"$DUCKSTRING_SOURCE_SHOP $DUCKSTRING_INPUT_CLEAN $(pwd)\" >> \"$DUCKSTRING_OUT/env.txt\"\n"
            + "cp \"$DUCKSTRING_SOURCE_SHOP/orders/orders.csv\" \"$DUCKSTRING_OUT/\"\n"
            + "echo to-stdout\n"
            + "echo to-stderr >&2\n",
        true);

    CommandRippleResult result = runner.run(ripple(null, "bin/run.sh", "arg1"));

    assertEquals(
        "sales export 2025-01-02T03:04:05Z arg1\n" + shop + " " + clean + " " + version + "\n",
        Files.readString(out.resolve("env.txt")));
    assertEquals(2, result.files());
    assertEquals(
        Files.size(out.resolve("env.txt")) + Files.size(out.resolve("orders.csv")), result.bytes());
    String logText = Files.readString(log);
    assertTrue(logText.contains("to-stdout\n"), logText);
    assertTrue(logText.contains("to-stderr\n"), logText);
  }

  @Test
  void findsABareProgramNameInTheVersionDirectoryOrOnPath() throws Exception {
    script("make_one.sh", "touch \"$DUCKSTRING_OUT/one\"\n", true);
    assertEquals(1, runner.run(ripple(null, "make_one.sh")).files());
    Files.delete(out.resolve("one"));
    assertEquals(0, runner.run(ripple(null, "true")).files());
  }

  @Test
  void nonZeroExitFailsWithTheLastNonBlankStderrLine() {
    RippleFailure e =
        assertThrows(
            RippleFailure.class,
            () ->
                runner.run(
                    ripple(
                        null,
                        "sh",
                        "-c",
                        "echo first >&2; echo 'no such table' >&2; "
                            + "echo >&2; echo fine; exit 3")));
    assertEquals("export", e.ripple());
    assertEquals("exit code 3: no such table", e.getMessage());
  }

  @Test
  void missingProgramsFailClearly() {
    RippleFailure bare =
        assertThrows(RippleFailure.class, () -> runner.run(ripple(null, "no-such-program-4711")));
    assertEquals(
        "program not found: no-such-program-4711 (not in " + version + " nor on PATH)",
        bare.getMessage());
    RippleFailure relative =
        assertThrows(RippleFailure.class, () -> runner.run(ripple(null, "bin/missing.sh")));
    assertEquals(
        "program not found: bin/missing.sh (resolved to " + version.resolve("bin/missing.sh") + ")",
        relative.getMessage());
  }

  @Test
  void programsThatAreNotExecutableFailClearly() throws Exception {
    script("bin/plain.sh", "exit 0\n", false);
    RippleFailure e =
        assertThrows(RippleFailure.class, () -> runner.run(ripple(null, "bin/plain.sh")));
    assertEquals("cannot run bin/plain.sh: permission denied (is it executable?)", e.getMessage());
  }

  @Test
  void killsTheProcessTreeAtTheTimeout() {
    long start = System.nanoTime();
    RippleFailure e =
        assertThrows(
            RippleFailure.class,
            () ->
                runner.run(
                    ripple(Duration.ofMillis(300), "sh", "-c", "sleep 30 & sleep 30; wait")));
    assertEquals("timed out after 300ms", e.getMessage());
    assertEquals(RunOutcome.TIMED_OUT, e.outcome());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
  }

  @Test
  void aTimeoutIsReportedAsWritten() {
    assertEquals(
        "timed out after 10m",
        RippleFailure.timedOut("r", Duration.ofMinutes(10), null).getMessage());
    assertEquals(
        "timed out after 1h30m",
        RippleFailure.timedOut("r", Duration.ofMinutes(90), null).getMessage());
    assertEquals(RunOutcome.FAILED, new RippleFailure("r", "exit code 1").outcome());
  }

  @Test
  void cancellationStopsARunningCommand() throws Exception {
    Cancellation cancellation = new Cancellation();
    Thread canceller =
        new Thread(
            () -> {
              try {
                Thread.sleep(300);
              } catch (InterruptedException e) {
                return;
              }
              cancellation.cancel();
            });
    canceller.start();
    RippleFailure e =
        assertThrows(
            RippleFailure.class, () -> runner.run(ripple(null, "sleep", "30"), cancellation));
    canceller.join();
    assertEquals("cancelled", e.getMessage());
  }

  @Test
  void aCancelledTokenNeverStartsTheProcess() {
    Cancellation cancellation = new Cancellation();
    cancellation.cancel();
    RippleFailure e =
        assertThrows(
            RippleFailure.class,
            () ->
                runner.run(ripple(null, "sh", "-c", "touch \"$DUCKSTRING_OUT/x\""), cancellation));
    assertEquals("cancelled", e.getMessage());
    assertFalse(Files.exists(out.resolve("x")));
  }
}
