package dev.duckstring.runner;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the program a command Ripple names: in its version directory or on {@code PATH}, as {@code
 * execvp} would, with a one-line reason when it is missing or cannot be run.
 */
final class ProgramLookup {
  private ProgramLookup() {}

  /** The command with its program resolved against the version directory where it names a file. */
  static List<String> command(CommandRipple ripple) {
    List<String> cmd = new ArrayList<>(ripple.command());
    String program = cmd.get(0);
    Path versionDir = ripple.versionDir().toAbsolutePath();
    if (program.indexOf('/') >= 0 || program.indexOf(File.separatorChar) >= 0) {
      cmd.set(0, versionDir.resolve(program).normalize().toString());
    } else if (Files.isRegularFile(versionDir.resolve(program))) {
      cmd.set(0, versionDir.resolve(program).toString());
    }
    return cmd;
  }

  /** Starts {@code pb}; a failure to start is a {@link RippleFailure} saying why in words. */
  static Process start(ProcessBuilder pb, CommandRipple ripple) {
    String program = ripple.command().get(0);
    try {
      return pb.start();
    } catch (IOException e) {
      String m = String.valueOf(e.getMessage());
      String reason;
      if (m.contains("error=2,")) {
        reason =
            "program not found: "
                + program
                + (pb.command().get(0).equals(program)
                    ? " (not in " + ripple.versionDir() + " nor on PATH)"
                    : " (resolved to " + pb.command().get(0) + ")");
      } else if (m.contains("error=13,")) {
        reason = "cannot run " + program + ": permission denied (is it executable?)";
      } else {
        reason = "cannot run " + program + ": " + m;
      }
      throw new RippleFailure(ripple.ripple(), reason, e);
    }
  }

  /**
   * The program as {@code execvp} would find it, checked here because {@code setsid} (not Java)
   * execs it: a path (already resolved against the version directory), or the first executable file
   * of that name on {@code path}.
   */
  static String executable(CommandRipple ripple, String program, String path) {
    String original = ripple.command().get(0);
    Path file;
    if (program.indexOf('/') >= 0) {
      file = Path.of(program);
      if (!Files.exists(file)) {
        String where = program.equals(original) ? "" : " (resolved to " + program + ")";
        throw new RippleFailure(ripple.ripple(), "program not found: " + original + where);
      }
    } else {
      file = null;
      boolean denied = false;
      for (String dir : (path == null ? "/usr/local/bin:/usr/bin:/bin" : path).split(":")) {
        // A relative PATH entry is relative to the working directory, as for execvp.
        Path candidate = ripple.versionDir().resolve(dir.isEmpty() ? "." : dir).resolve(program);
        if (Files.isRegularFile(candidate)) {
          if (Files.isExecutable(candidate)) {
            file = candidate;
            break;
          }
          denied = true;
        }
      }
      if (file == null && !denied) {
        throw new RippleFailure(
            ripple.ripple(),
            "program not found: " + original + " (not in " + ripple.versionDir() + " nor on PATH)");
      }
      if (file == null) {
        throw new RippleFailure(
            ripple.ripple(), "cannot run " + original + ": permission denied (is it executable?)");
      }
    }
    if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
      throw new RippleFailure(
          ripple.ripple(), "cannot run " + original + ": permission denied (is it executable?)");
    }
    return file.toAbsolutePath().toString();
  }
}
