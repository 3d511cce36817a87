package dev.duckstring.runner;

import dev.duckstring.fs.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs a command Ripple as a child process with {@code DUCKSTRING_*} variables naming its inputs
 * and output, in a process group of its own where {@link ProcessGroup#supported()}; stdout and
 * stderr go to the Ripple's log; its end, a timeout or a cancellation stops the whole group.
 */
public final class CommandRippleRunner {

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
      // the gate execs the guarded command
      pb.command(GroupedProcess.gated(FileModeGuard.wrap(cmd), "duckstring-ripple"));
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
    GroupedProcess.Ended end;
    try {
      end =
          GroupedProcess.run(
              pb,
              b -> ProgramLookup.start(b, ripple),
              grouped,
              name,
              ripple.logFile(),
              ripple.timeout(),
              cancellation,
              started);
    } catch (IOException e) {
      throw new RippleFailure(name, "cannot run command: " + e.getMessage(), e);
    }
    if (end.exit() != 0) {
      throw new RippleFailure(name, exitMessage(end.exit(), end.lastLine()));
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
