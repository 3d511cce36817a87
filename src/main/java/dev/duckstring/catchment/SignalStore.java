package dev.duckstring.catchment;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.fs.Dirs;
import dev.duckstring.fs.ProcessId;
import dev.duckstring.manifest.SignalKind;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.UtcText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The signal inbox protocol (Maildir-like). Anyone drops a file in {@code signals/}; the daemon
 * claims it by renaming it into {@code signals/claimed/} with the claim time in the name, applies
 * it, then deletes it. Files it cannot use go to {@code signals/rejected/} with a reason. Whatever
 * is dropped (a directory, a FIFO, a symlink, a huge file, a name too long to claim) is moved by
 * rename only, never followed and never opened unless it is a small regular file. What a signal
 * says is {@code manifest.SignalKind} and {@code manifest.SignalFile}; the daemon's {@code
 * SignalIntake} turns a claimed one into an engine event (see this package's package-info).
 */
public final class SignalStore {
  /** The largest signal body the daemon reads, in bytes; a bigger file is rejected unread. */
  public static final long MAX_BODY = 64 * 1024;

  /**
   * The longest signal name the daemon claims as it is, in UTF-8 bytes. The claimed name adds a
   * 21-byte prefix and its {@code .reason} a suffix and a temporary name, all within the 255 bytes
   * a Linux file name may have.
   */
  public static final int MAX_NAME = 200;

  private static final Set<String> OWN_DIRS = Set.of("claimed", "rejected");
  private final CatchmentLayout layout;
  private final AtomicLong sequence = new AtomicLong();
  private final Consumer<String> trouble;
  private final Set<String> reported = new HashSet<>();

  public CatchmentLayout layout() {
    return layout;
  }

  /**
   * A claimed signal: its file, the name it was dropped under and the claim time. {@code rejected}
   * is null, or the reason it was rejected as it was claimed (its name); its file is then already
   * in {@code rejected/} beside its {@code .reason}.
   */
  public record Claimed(
      String pond, Path file, String originalName, Instant claimedAt, String rejected) {
    public Claimed(String pond, Path file, String originalName, Instant claimedAt) {
      this(pond, file, originalName, claimedAt, null);
    }
  }

  public SignalStore(CatchmentLayout layout) {
    this(layout, new Quiet());
  }

  /** Tells nobody: a class, not a lambda, as the CLI's pulse builds one (decision 59). */
  private static final class Quiet implements Consumer<String> {
    @Override
    public void accept(String message) {}
  }

  /** A store that tells {@code trouble} once about each signal it cannot claim (and carries on). */
  public SignalStore(CatchmentLayout layout, Consumer<String> trouble) {
    this.layout = layout;
    this.trouble = trouble;
  }

  /** Drops a signal (the CLI's side): a unique name so concurrent writers never collide. */
  public Path drop(String pond, SignalKind kind, String body, Instant now) {
    String name =
        kind.label()
            + "."
            + UtcText.compact(now)
            + "-"
            + ProcessId.current()
            + "-"
            + AtomicFiles.randomHex(6);
    Path file = layout.signals(pond).resolve(name);
    AtomicFiles.writeString(file, body);
    return file;
  }

  /**
   * Entries waiting in the inbox, by name (unclaimed): everything but dot-names and the names of
   * the daemon's own {@code claimed/} and {@code rejected/} directories (an impostor under those
   * names is moved aside before anything is moved in). Not only regular files: whatever is dropped
   * is claimed, so that it can be rejected with a reason. The paths keep the names' bytes as the
   * directory holds them.
   */
  public List<Path> waiting(String pond) {
    List<Path> out = new ArrayList<>();
    Path dir = layout.signals(pond);
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        String name = p.getFileName().toString();
        if (AtomicFiles.isTemporary(name) || OWN_DIRS.contains(name)) {
          continue;
        }
        out.add(p);
      }
    } catch (IOException e) {
      throw new DuckstringException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    out.sort(null);
    return out;
  }

  /**
   * Claims every waiting signal of {@code pond} at {@code now}, in name order. A signal that cannot
   * be claimed is left where it is and reported once; the others are still claimed. The claims are
   * not forced to disk here (decision 72): the caller forces each one's {@link #claimDirectory} (or
   * calls {@link #force}) before anything the signal causes reaches the disk. A signal rejected at
   * once, for its name, is forced in {@code rejected/}.
   */
  public List<Claimed> claim(String pond, Instant now) {
    List<Claimed> out = new ArrayList<>();
    List<Path> waiting = waiting(pond);
    if (waiting.isEmpty()) {
      return out;
    }
    Path claimedDir = layout.claimedSignals(pond);
    try {
      ownDirectory(claimedDir);
    } catch (IOException e) {
      once(
          claimedDir.toString(),
          "cannot claim signals of '" + pond + "': " + claimedDir + ": " + e);
      return out;
    }
    boolean rejectedAny = false;
    for (Path p : waiting) {
      String original = p.getFileName().toString();
      String seq =
          now.toEpochMilli() + "-" + String.format("%06d", sequence.incrementAndGet()) + "-";
      String badName = SignalNames.problem(original);
      try {
        if (badName == null) {
          Path dest = claimedDir.resolve(seq + original);
          AtomicFiles.move(p, dest);
          out.add(new Claimed(pond, dest, original, now));
        } else {
          // Too long to claim, or unsafe to write beside: rejected at once, under a short name.
          String shortName = SignalNames.shorten(original);
          Path rejectedDir = layout.rejectedSignals(pond);
          ownDirectory(rejectedDir);
          Path dest = rejectedDir.resolve(seq + shortName);
          AtomicFiles.writeStringPrivate(reasonFile(dest), badName + "\n");
          AtomicFiles.move(p, dest);
          rejectedAny = true;
          out.add(new Claimed(pond, dest, shortName, now, badName));
        }
      } catch (NoSuchFileException e) {
        continue; // removed by its writer before we got to it
      } catch (IOException | DuckstringException e) {
        once(
            p.toString(),
            "cannot claim signal '"
                + SignalNames.shorten(original)
                + "' of '"
                + pond
                + "': "
                + e.getMessage());
      }
    }
    if (rejectedAny) {
      AtomicFiles.fsyncDirectory(layout.rejectedSignals(pond));
    }
    return out;
  }

  /** Signals claimed before a crash and not yet finished: re-applied at start, claim time kept. */
  public List<Claimed> unfinished(String pond) {
    List<Claimed> out = new ArrayList<>();
    Path dir = layout.claimedSignals(pond);
    if (!SignalDirs.isReal(dir)) {
      return out;
    }
    for (String name : Dirs.names(dir)) {
      String[] parts = name.split("-", 3);
      if (parts.length < 3) {
        continue;
      }
      try {
        Instant at = Instant.ofEpochMilli(Long.parseLong(parts[0]));
        out.add(new Claimed(pond, dir.resolve(name), parts[2], at));
      } catch (NumberFormatException e) {
        // not one of ours; leave it for a person to look at
      }
    }
    return out;
  }

  /**
   * Reads a claimed signal's body, or throws a one-line reason to reject it with: only a small
   * regular file is opened, never through a link (see {@link SignalBody}).
   */
  public byte[] body(Claimed c) {
    return SignalBody.read(c);
  }

  /** The directory to force for {@code c}'s claim to be on disk (see {@link #claim}). */
  public static Path claimDirectory(Claimed c) {
    return c.file().getParent();
  }

  /** Forces {@code c}'s claim to disk now (see {@link #claim}). */
  public void force(Claimed c) {
    AtomicFiles.fsyncDirectory(claimDirectory(c));
  }

  /** The signal has been applied and journaled: delete it. */
  public void done(Claimed c) {
    try {
      Files.deleteIfExists(c.file());
    } catch (IOException e) {
      throw new DuckstringException("cannot delete " + c.file() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Moves a signal aside with a written reason; nothing is silently dropped. The move is a rename
   * (a symlink moves as itself, a directory whole); the {@code .reason} is readable by owner and
   * group only where the file system has POSIX permissions.
   */
  public Path reject(Claimed c, String reason) {
    if (c.rejected() != null) {
      return c.file(); // rejected as it was claimed
    }
    Path dir = layout.rejectedSignals(c.pond());
    String name = c.file().getFileName().toString();
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME + 30) {
      name =
          SignalNames.shorten(
              name); // claimed by an older daemon with no bound: still room for the .reason
    }
    Path dest = dir.resolve(name);
    try {
      ownDirectory(dir);
      AtomicFiles.writeStringPrivate(reasonFile(dest), SignalNames.oneLine(reason) + "\n");
      AtomicFiles.move(c.file(), dest);
      AtomicFiles.fsyncDirectory(dir);
    } catch (IOException e) {
      throw new DuckstringException("cannot reject " + c.file() + ": " + e.getMessage(), e);
    }
    return dest;
  }

  /** The {@code .reason} file beside a rejected signal. */
  public static Path reasonFile(Path rejected) {
    return rejected.resolveSibling(rejected.getFileName() + ".reason");
  }

  /** Keeps {@code dir} the daemon's own real directory (see {@link SignalDirs#own}). */
  private void ownDirectory(Path dir) throws IOException {
    SignalDirs.own(
        dir,
        aside ->
            once(
                aside.toString(),
                dir
                    + " was not a real directory (a file or a link); it was renamed to "
                    + aside.getFileName()));
  }

  private void once(String key, String message) {
    if (reported.size() > 10_000) {
      reported.clear();
    }
    if (reported.add(key + "\n" + message)) {
      trouble.accept(message);
    }
  }
}
