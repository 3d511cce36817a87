package dev.duckstring.runner;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A Ripple's child process (a command, a Spark driver): in a session and group of its own where the
 * OS has them, held at a gate until its group is recorded, its stderr pumped into the Ripple's log,
 * stopped with its whole group on cancel or timeout, and what it left in its group ended with it.
 */
final class GroupedProcess {
  /** Waits for a line on stdin before it execs the rest: nothing runs before it is recorded. */
  static final String GATE = "IFS= read -r go || exit 125; exec \"$@\"";

  private static final Duration GRACE = Duration.ofSeconds(5);
  private static final Duration PUMP_WAIT = Duration.ofSeconds(2);

  private GroupedProcess() {}

  /** How the process ended: its exit code and the last line it wrote on stderr (or null). */
  record Ended(int exit, String lastLine) {}

  /** Starts a process builder; a command Ripple maps a missing program to its own message. */
  interface Starter {
    Process start(ProcessBuilder pb) throws IOException;
  }

  /**
   * {@code cmd} behind the gate, in a session of its own: setsid execs without forking (a child of
   * the JVM is never a group leader), so the started process's pid is the id of the Ripple's own
   * session and group. If the daemon dies before opening the gate, the shell reads EOF and exits.
   */
  static List<String> gated(List<String> cmd, String label) {
    List<String> out =
        new ArrayList<>(List.of(ProcessGroup.setsid(), "/bin/sh", "-c", GATE, label));
    out.addAll(cmd);
    return out;
  }

  /**
   * Starts {@code pb} (its command {@link #gated} when {@code grouped}), tells {@code started} of
   * its group, opens the gate and waits for the end; its stdout goes where {@code pb} sends it, its
   * stderr to {@code log}. Throws a {@link RippleFailure} for a cancel, a timeout or an interrupt.
   */
  static Ended run(
      ProcessBuilder pb,
      Starter starter,
      boolean grouped,
      String name,
      Path log,
      Duration timeout,
      Cancellation cancellation,
      Consumer<ProcessGroup> started)
      throws IOException {
    try (OutputStream out = new FileOutputStream(log.toFile(), true)) {
      Process p = starter.start(pb);
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
          stdin.write('\n'); // open the gate; the program itself then reads EOF, as before
        }
      } catch (IOException e) {
        // the gate shell is gone already: its exit code tells what happened
      }
      StderrPump pump = new StderrPump(p.getErrorStream(), out);
      Thread pumping = new Thread(pump, "ripple-stderr-" + name);
      pumping.setDaemon(true);
      pumping.start();
      AtomicBoolean timedOut = new AtomicBoolean();
      cancellation.onCancel(() -> stop(p, group));
      try {
        waitFor(p, group, timeout, timedOut);
      } finally {
        cancellation.clear();
        if (group != null && !group.members().isEmpty()) {
          // What the process left behind in its group (a forgotten '&') ends with the Ripple.
          ProcessGroup.terminate(List.of(group), GRACE);
        }
      }
      pumping.join(PUMP_WAIT.toMillis());
      if (cancellation.isCancelled()) {
        throw new RippleFailure(name, "cancelled");
      }
      if (timedOut.get()) {
        throw RippleFailure.timedOut(name, timeout, null);
      }
      return new Ended(p.exitValue(), pump.lastLine());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RippleFailure(name, "interrupted", e);
    }
  }

  private static void waitFor(
      Process p, ProcessGroup group, Duration timeout, AtomicBoolean timedOut)
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
  private static void stop(Process p, ProcessGroup group) {
    if (group != null) {
      ProcessGroup.terminate(List.of(group), GRACE);
    }
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
}
