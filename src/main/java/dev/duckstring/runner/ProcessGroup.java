package dev.duckstring.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The process group of a command Ripple (Linux): its id is the pid of the leader that {@code
 * setsid} made, and the leader's start time (clock ticks since boot, {@code /proc/<pid>/stat} field
 * 22) tells it apart from a later process that reused the pid.
 *
 * @param pgid the group id, equal to the leader's pid
 * @param startTicks the leader's start time in clock ticks since boot
 */
public record ProcessGroup(long pgid, long startTicks) {
  private static final Path PROC = Path.of("/proc");
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

  /** True where command Ripples get their own group: {@code setsid} and {@code /proc} exist. */
  public static boolean supported() {
    return Files.isExecutable(SETSID) && Files.isReadable(PROC.resolve("self/stat"));
  }

  /** The program that starts a command in a new session and group, without forking. */
  static String setsid() {
    return SETSID.toString();
  }

  /** This boot of the machine: a group recorded under another boot is gone. */
  public static String bootId() {
    try {
      return Files.readString(BOOT_ID, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      return "";
    }
  }

  /** The group led by the live process {@code pid}, or empty when it is gone. */
  public static Optional<ProcessGroup> ledBy(long pid) {
    return stat(pid).map(s -> new ProcessGroup(pid, s.startTicks()));
  }

  /** True while the leader lives (not a zombie) and is the process that was recorded. */
  public boolean leaderMatches() {
    return stat(pgid).filter(s -> s.startTicks() == startTicks && !s.zombie()).isPresent();
  }

  /** The live (non-zombie) processes in this group, leader included. */
  public List<Long> members() {
    List<Long> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(PROC)) {
      for (Path p : s) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long pid = Long.parseLong(name);
        stat(pid).filter(st -> st.pgrp() == pgid && !st.zombie()).ifPresent(st -> out.add(pid));
      }
    } catch (IOException e) {
      // no /proc: nothing to report
    }
    return out;
  }

  /** Sends {@code signal} (TERM, KILL) to every process of the group; false if none got it. */
  public boolean signal(String signal) {
    if (!signal.matches("[A-Z]+") || pgid <= 1) {
      throw new IllegalArgumentException("bad signal " + signal + " or group " + pgid);
    }
    try {
      Process kill =
          new ProcessBuilder(
                  "/bin/sh", "-c", "exec kill -s " + signal + " -- -" + pgid + " 2>/dev/null")
              .redirectErrorStream(true)
              .start();
      kill.getOutputStream().close();
      kill.getInputStream().readAllBytes();
      return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Stops {@code groups}: SIGTERM to each, then SIGKILL to those with a member left after {@code
   * grace}. Returns once no member is left (or after a last SIGKILL).
   */
  public static void terminate(Collection<ProcessGroup> groups, Duration grace) {
    groups.forEach(g -> g.signal("TERM"));
    long deadline = System.nanoTime() + grace.toNanos();
    List<ProcessGroup> left = new ArrayList<>(groups);
    while (!left.isEmpty()) {
      left.removeIf(g -> g.members().isEmpty());
      if (left.isEmpty() || System.nanoTime() >= deadline) {
        break;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    left.forEach(g -> g.signal("KILL"));
  }

  private record Stat(long pgrp, long startTicks, boolean zombie) {}

  /** Fields of {@code /proc/<pid>/stat}: state (3), pgrp (5), starttime (22). */
  private static Optional<Stat> stat(long pid) {
    String text;
    try {
      text =
          Files.readString(
              PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    int close = text.lastIndexOf(')'); // the command name may hold spaces and parentheses
    if (close < 0) {
      return Optional.empty();
    }
    String[] f = text.substring(close + 2).trim().split(" ");
    if (f.length < 20) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Stat(
              Long.parseLong(f[2]), Long.parseLong(f[19]), f[0].equals("Z") || f[0].equals("X")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
