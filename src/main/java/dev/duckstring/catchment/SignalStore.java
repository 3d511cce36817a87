package dev.duckstring.catchment;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The signal inbox protocol (Maildir-like). Anyone drops a file in {@code signals/}; the daemon
 * claims it by renaming it into {@code signals/claimed/} with the claim time in the name, applies
 * it, then deletes it. Files it cannot parse go to {@code signals/rejected/} with a reason.
 */
public final class SignalStore {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(java.time.ZoneOffset.UTC);
  private final CatchmentLayout layout;
  private final AtomicLong sequence = new AtomicLong();

  public CatchmentLayout layout() {
    return layout;
  }

  /** A claimed signal: its file in claimed/, the name it was dropped under and the claim time. */
  public record Claimed(String pond, Path file, String originalName, Instant claimedAt) {}

  public SignalStore(CatchmentLayout layout) {
    this.layout = layout;
  }

  /** Drops a signal (the CLI's side): a unique name so concurrent writers never collide. */
  public Path drop(String pond, SignalKind kind, String body, Instant now) {
    String name =
        kind.label()
            + "."
            + STAMP.format(now)
            + "-"
            + ProcessHandle.current().pid()
            + "-"
            + UUID.randomUUID().toString().substring(0, 6);
    Path file = layout.signals(pond).resolve(name);
    AtomicFiles.writeString(file, body);
    return file;
  }

  /** Files waiting in the inbox, oldest name first (unclaimed). */
  public List<Path> waiting(String pond) {
    List<Path> out = new ArrayList<>();
    for (String name : Deployments.list(layout.signals(pond))) {
      Path p = layout.signals(pond).resolve(name);
      if (Files.isRegularFile(p)) {
        out.add(p);
      }
    }
    return out;
  }

  /** Claims every waiting signal of {@code pond} at {@code now}, in name order. */
  public List<Claimed> claim(String pond, Instant now) {
    List<Claimed> out = new ArrayList<>();
    for (Path p : waiting(pond)) {
      String original = p.getFileName().toString();
      String claimedName =
          now.toEpochMilli() + "-" + String.format("%06d", sequence.incrementAndGet()) + "-" + original;
      Path dest = layout.claimedSignals(pond).resolve(claimedName);
      try {
        Files.createDirectories(dest.getParent());
        AtomicFiles.move(p, dest);
      } catch (java.nio.file.NoSuchFileException e) {
        continue; // removed by its writer before we got to it
      } catch (IOException e) {
        throw new DuckstringException("cannot claim " + p + ": " + e.getMessage(), e);
      }
      out.add(new Claimed(pond, dest, original, now));
    }
    if (!out.isEmpty()) {
      AtomicFiles.fsyncDirectory(layout.claimedSignals(pond));
    }
    return out;
  }

  /** Signals claimed before a crash and not yet finished: re-applied at start, claim time kept. */
  public List<Claimed> unfinished(String pond) {
    List<Claimed> out = new ArrayList<>();
    for (String name : Deployments.list(layout.claimedSignals(pond))) {
      String[] parts = name.split("-", 3);
      if (parts.length < 3) {
        continue;
      }
      try {
        Instant at = Instant.ofEpochMilli(Long.parseLong(parts[0]));
        out.add(new Claimed(pond, layout.claimedSignals(pond).resolve(name), parts[2], at));
      } catch (NumberFormatException e) {
        // not one of ours; leave it for a person to look at
      }
    }
    return out;
  }

  /** Reads a claimed signal's body. */
  public byte[] body(Claimed c) {
    try {
      return Files.readAllBytes(c.file());
    } catch (IOException e) {
      throw new DuckstringException("cannot read " + c.file() + ": " + e.getMessage(), e);
    }
  }

  /** The signal has been applied and journaled: delete it. */
  public void done(Claimed c) {
    try {
      Files.deleteIfExists(c.file());
    } catch (IOException e) {
      throw new DuckstringException("cannot delete " + c.file() + ": " + e.getMessage(), e);
    }
  }

  /** Moves a signal aside with a written reason; nothing is silently dropped. */
  public Path reject(Claimed c, String reason) {
    Path dir = layout.rejectedSignals(c.pond());
    Path dest = dir.resolve(c.file().getFileName().toString());
    try {
      Files.createDirectories(dir);
      AtomicFiles.writeString(dir.resolve(dest.getFileName() + ".reason"), reason + "\n");
      AtomicFiles.move(c.file(), dest);
      AtomicFiles.fsyncDirectory(dir);
    } catch (IOException e) {
      throw new DuckstringException("cannot reject " + c.file() + ": " + e.getMessage(), e);
    }
    return dest;
  }
}
