package dev.duckstring.catchment;

import dev.duckstring.fs.WriteFence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * events.log and its rotated files {@code events.log.1} (newest) to {@code events.log.<n>}
 * (oldest): the rename chain that rotates them, and reading every line in the order it was written.
 * Only the daemon renames; a rename moves a whole file, so no line is ever split or copied.
 */
public final class EventFiles {
  private static final Pattern ROTATED = Pattern.compile("events\\.log\\.([1-9][0-9]{0,8})");
  private final CatchmentLayout layout;

  public EventFiles(CatchmentLayout layout) {
    this.layout = layout;
  }

  /** The numbers of the rotated files present, lowest (newest) first. */
  public List<Integer> rotated() throws IOException {
    List<Integer> numbers = new ArrayList<>();
    if (!Files.isDirectory(layout.root())) {
      return numbers;
    }
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(layout.root(), "events.log.*")) {
      for (Path p : dir) {
        Matcher m = ROTATED.matcher(p.getFileName().toString());
        if (m.matches()) {
          numbers.add(Integer.parseInt(m.group(1)));
        }
      }
    }
    numbers.sort(null);
    return numbers;
  }

  /** The files present, oldest first: {@code events.log.<highest>} ... {@code .1}, events.log. */
  public List<Path> inOrder() {
    List<Path> files = new ArrayList<>();
    try {
      List<Integer> numbers = rotated();
      for (int i = numbers.size() - 1; i >= 0; i--) {
        files.add(layout.rotatedEventsLog(numbers.get(i)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (Files.exists(layout.eventsLog())) {
      files.add(layout.eventsLog());
    }
    return files;
  }

  /**
   * Every line of every file, oldest first. While the daemon rotates, a file may be renamed between
   * the listing and the read (it is then skipped) or read under two numbers.
   */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (Path file : inOrder()) {
      try {
        lines.addAll(Files.readAllLines(file));
      } catch (NoSuchFileException e) {
        // rotated away since the listing
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return lines;
  }

  /**
   * Closes the gaps a crash in the middle of a rotation leaves (renames each file down to the
   * lowest free number, newest first), so the numbers run 1 to n again; order is kept.
   */
  void heal() throws IOException {
    WriteFence.check();
    List<Integer> numbers = rotated();
    for (int i = 0; i < numbers.size(); i++) {
      if (numbers.get(i) != i + 1) {
        Files.move(layout.rotatedEventsLog(numbers.get(i)), layout.rotatedEventsLog(i + 1));
      }
    }
  }

  /**
   * Makes room for a new events.log.1: heals, deletes the oldest files so that at most {@code keep
   * - 1} are left (oldest first), then renames {@code n} to {@code n + 1}, oldest first.
   */
  void shift(int keep) throws IOException {
    heal();
    List<Integer> numbers = rotated();
    for (int i = numbers.size() - 1; i >= 0; i--) {
      int n = numbers.get(i);
      if (n >= keep) {
        Files.deleteIfExists(layout.rotatedEventsLog(n));
      } else {
        Files.move(layout.rotatedEventsLog(n), layout.rotatedEventsLog(n + 1));
      }
    }
  }

  /**
   * Renames events.log to {@code events.log.1}, or deletes it when {@code keep} is 0; nothing when
   * it is already gone.
   */
  void retire(int keep) throws IOException {
    try {
      if (keep == 0) {
        Files.deleteIfExists(layout.eventsLog());
      } else {
        Files.move(layout.eventsLog(), layout.rotatedEventsLog(1));
      }
    } catch (NoSuchFileException e) {
      // deleted by hand: the daemon was appending to a file no one could read
    }
  }
}
