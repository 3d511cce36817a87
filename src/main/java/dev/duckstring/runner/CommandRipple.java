package dev.duckstring.runner;

import static java.util.Objects.requireNonNull;

import dev.duckstring.model.Names;
import dev.duckstring.model.RippleSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One command Ripple to run.
 *
 * @param command program and arguments; a program path with a '/' resolves against {@code
 *     versionDir}, a bare name is taken from {@code versionDir} if such a file exists, else from
 *     PATH
 * @param versionDir the Pond's deployed version directory, also the working directory
 * @param f the freshness of the run, passed as {@code DUCKSTRING_F}
 * @param sources each Source Pond's published generation ({@code DUCKSTRING_SOURCE_<POND>})
 * @param inputs the Pond's own completed parent Ripple directories ({@code DUCKSTRING_INPUT_<R>})
 * @param outputDir the empty directory the command writes into ({@code DUCKSTRING_OUT})
 * @param logFile where stdout and stderr are appended
 * @param timeout kill the process tree after this long; null for no limit
 */
public record CommandRipple(
    String pond,
    String ripple,
    List<String> command,
    Path versionDir,
    Instant f,
    Map<String, Path> sources,
    Map<String, Path> inputs,
    Path outputDir,
    Path logFile,
    Duration timeout) {
  public CommandRipple {
    Names.check("pond", pond);
    Names.check("ripple", ripple);
    command = List.copyOf(requireNonNull(command, "command is null"));
    if (command.isEmpty() || command.get(0).isBlank()) {
      throw new IllegalArgumentException("command of ripple '" + ripple + "' is empty");
    }
    requireNonNull(versionDir, "versionDir is null");
    requireNonNull(f, "f is null");
    sources = Map.copyOf(requireNonNull(sources, "sources is null"));
    sources.keySet().forEach(p -> Names.check("source pond", p));
    inputs = Map.copyOf(requireNonNull(inputs, "inputs is null"));
    inputs.keySet().forEach(r -> Names.check("input ripple", r));
    requireNonNull(outputDir, "outputDir is null");
    requireNonNull(logFile, "logFile is null");
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
  }

  /**
   * The command Ripple {@code spec} of {@code pond} as the daemon and {@code pond run} both run it:
   * its inputs ({@code DUCKSTRING_INPUT_<R>}) are the Pond's own outputs in {@code own} (including
   * its own previous output, for a self-read), narrowed to its declared parents when it has some.
   */
  public static CommandRipple of(
      String pond,
      RippleSpec spec,
      Path versionDir,
      Instant f,
      Map<String, Path> sources,
      Map<String, Path> own,
      Path outputDir,
      Path logFile,
      Duration timeout) {
    Map<String, Path> inputs = new LinkedHashMap<>();
    own.forEach(
        (ripple, dir) -> {
          if (spec.parents() == null || spec.parents().contains(ripple)) {
            inputs.put(ripple, dir);
          }
        });
    return new CommandRipple(
        pond,
        spec.name(),
        spec.command(),
        versionDir,
        f,
        sources,
        inputs,
        outputDir,
        logFile,
        timeout);
  }
}
