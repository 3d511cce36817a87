package dev.duckstring.runner;

import dev.duckstring.fs.AtomicFiles;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs a command Ripple as a child process with {@code DUCKSTRING_*} variables naming its inputs
 * and output, in a process group of its own where {@link ProcessGroup#supported()}; stdout and
 * stderr go to the Ripple's log; its end, a timeout or a cancellation stops the whole group.
 */
public final class CommandRippleRunner {
  private static final Duration GRACE = Duration.ofSeconds(5);
  private static final Duration PUMP_WAIT = Duration.ofSeconds(2);

  /** Execs the command ("$@") once a line arrives on stdin; exits if stdin closes first. */
  static final String GATE = "IFS= read -r go || exit 125; exec \"$@\"";

  public CommandRippleRunner() {}

  /**
   * Runs {@code ripple}; a non-zero exit, timeout or start failure throws {@link RippleFailure}.
   */
  public CommandRippleResult run(CommandRipple ripple) {
    return run(ripple, new Cancellation());
  }

  /** Runs {@code ripple} until it exits, times out, or {@code cancellation} is cancelled. */
  public CommandRippleResult run(CommandRipple ripple, Cancellation cancellation) {
    return run(ripple, cancellation, group -> {});
  }

  /**
   * Runs {@code ripple} like {@link #run(CommandRipple, Cancellation)}; {@code started} is told the
   * process group as soon as it exists, before the runner waits (it is not called where groups are
   * not supported). If {@code started} throws, the group is stopped and the Ripple fails.
   */
  public CommandRippleResult run(
      CommandRipple ripple, Cancellation cancellation, Consumer<ProcessGroup> started) {
    String name = ripple.ripple();
    if (cancellation.isCancelled()) {
      throw new RippleFailure(name, "cancelled");
    }
    boolean grouped = ProcessGroup.supported();
    ProcessBuilder pb =
        new ProcessBuilder(ProgramLookup.command(ripple)).directory(ripple.versionDir().toFile());
    environment(pb.environment(), ripple);
    if (grouped) {
      // setsid execs without forking (a child of the JVM is never a group leader), so the pid of
      // the process started here is the id of the Ripple's own session and group. The shell waits
      // for a line on stdin, sent once the group is recorded, before it execs the command: no
      // process of the Ripple runs unrecorded, and if the daemon dies first, it reads EOF and
      // exits.
      List<String> cmd = new ArrayList<>(pb.command());
      cmd.set(0, ProgramLookup.executable(ripple, cmd.get(0), pb.environment().get("PATH")));
      cmd = new ArrayList<>(FileModeGuard.wrap(cmd)); // the gate execs the guarded command
      cmd.addAll(0, List.of(ProcessGroup.setsid(), "/bin/sh", "-c", GATE, "duckstring-ripple"));
      pb.command(cmd);
    } else {
      pb.command(FileModeGuard.wrap(pb.command()));
    }
    try {
      Files.createDirectories(ripple.outputDir());
      Files.createDirectories(ripple.logFile().toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new RippleFailure(name, "cannot prepare output or log: " + e, e);
    }
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(ripple.logFile().toFile()));
    try (OutputStream log = new FileOutputStream(ripple.logFile().toFile(), true)) {
      Process p = ProgramLookup.start(pb, ripple);
      // A leader that already exited has no start time left to record, but its group may live on.
      ProcessGroup group =
          grouped ? ProcessGroup.ledBy(p.pid()).orElse(new ProcessGroup(p.pid(), -1)) : null;
      if (group != null && group.startTicks() >= 0) {
        try {
          started.accept(group);
        } catch (RuntimeException e) {
          stop(p, group);
          throw new RippleFailure(name, "cannot record the process group: " + e.getMessage(), e);
        }
      }
      try (OutputStream stdin = p.getOutputStream()) {
        if (group != null) {
          stdin.write('\n'); // open the gate; the command itself then reads EOF, as before
        }
      } catch (IOException e) {
        // the gate shell is gone already: its exit code tells what happened
      }
      StderrPump pump = new StderrPump(p.getErrorStream(), log);
      Thread pumping = new Thread(pump, "ripple-stderr-" + name);
      pumping.setDaemon(true);
      pumping.start();
      AtomicBoolean timedOut = new AtomicBoolean();
      cancellation.onCancel(() -> stop(p, group));
      try {
        waitFor(p, group, ripple.timeout(), timedOut);
      } finally {
        cancellation.clear();
        if (group != null && !group.members().isEmpty()) {
          // What the command left behind in its group (a forgotten '&') ends with the Ripple.
          ProcessGroup.terminate(List.of(group), GRACE);
        }
      }
      pumping.join(PUMP_WAIT.toMillis());
      if (cancellation.isCancelled()) {
        throw new RippleFailure(name, "cancelled");
      }
      if (timedOut.get()) {
        throw RippleFailure.timedOut(name, ripple.timeout(), null);
      }
      if (p.exitValue() != 0) {
        throw new RippleFailure(name, exitMessage(p.exitValue(), pump.lastLine()));
      }
    } catch (IOException e) {
      throw new RippleFailure(name, "cannot run command: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RippleFailure(name, "interrupted", e);
    }
    return written(ripple.outputDir(), name);
  }

  /** Adds the {@code DUCKSTRING_*} variables, first dropping any the daemon itself inherited. */
  static void environment(Map<String, String> env, CommandRipple ripple) {
    env.keySet().removeIf(k -> k.startsWith("DUCKSTRING_"));
    env.put("DUCKSTRING_OUT", ripple.outputDir().toAbsolutePath().toString());
    env.put("DUCKSTRING_POND", ripple.pond());
    env.put("DUCKSTRING_RIPPLE", ripple.ripple());
    env.put("DUCKSTRING_F", ripple.f().toString());
    ripple
        .sources()
        .forEach((pond, dir) -> env.put("DUCKSTRING_SOURCE_" + upper(pond), absolute(dir)));
    ripple.inputs().forEach((r, dir) -> env.put("DUCKSTRING_INPUT_" + upper(r), absolute(dir)));
  }

  static void waitFor(Process p, ProcessGroup group, Duration timeout, AtomicBoolean timedOut)
      throws InterruptedException {
    try {
      if (timeout == null) {
        p.waitFor();
      } else if (!p.waitFor(nanos(timeout), TimeUnit.NANOSECONDS)) {
        timedOut.set(true);
        stop(p, group);
      }
    } catch (InterruptedException e) {
      stop(p, group);
      throw e;
    }
  }

  /** {@code d} in nanoseconds, or the longest wait there is for a limit of centuries. */
  private static long nanos(Duration d) {
    return d.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : d.toNanos();
  }

  /**
   * Stops the Ripple: its whole process group when it has one (SIGTERM, then SIGKILL after a grace
   * period), and the process and its descendants as seen now in any case.
   */
  static void stop(Process p, ProcessGroup group) {
    if (group != null) {
      ProcessGroup.terminate(List.of(group), GRACE);
    }
    stop(p);
  }

  /** Terminates the process and its descendants, killing them outright after a grace period. */
  static void stop(Process p) {
    List<ProcessHandle> tree = new ArrayList<>();
    p.descendants().forEach(tree::add);
    tree.add(p.toHandle());
    tree.forEach(ProcessHandle::destroy);
    try {
      if (!p.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        tree.forEach(ProcessHandle::destroyForcibly);
        p.waitFor();
      }
    } catch (InterruptedException e) {
      tree.forEach(ProcessHandle::destroyForcibly);
      Thread.currentThread().interrupt();
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static String exitMessage(int code, String lastLine) {
    String signal = code > 128 && code < 160 ? " (killed by signal " + (code - 128) + ")" : "";
    return "exit code " + code + signal + (lastLine == null ? "" : ": " + lastLine);
  }

  private static CommandRippleResult written(Path out, String ripple) {
    long[] filesAndBytes = new long[2];
    try (Stream<Path> s = Files.walk(out)) {
      s.filter(p -> !p.equals(out))
          .filter(p -> !AtomicFiles.isTemporary(p.getFileName().toString()))
          .forEach(
              p -> {
                try {
                  BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                  if (a.isRegularFile()) {
                    filesAndBytes[0]++;
                    filesAndBytes[1] += a.size();
                  }
                } catch (IOException e) {
                  // Vanished while counting; it is not part of the output.
                }
              });
    } catch (IOException e) {
      throw new RippleFailure(ripple, "cannot list output " + out + ": " + e, e);
    }
    return new CommandRippleResult(filesAndBytes[0], filesAndBytes[1]);
  }

  private static String upper(String name) {
    return name.toUpperCase(Locale.ROOT);
  }

  private static String absolute(Path p) {
    return p.toAbsolutePath().normalize().toString();
  }
}
