package dev.duckstring.catchment;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The signal inbox protocol (Maildir-like). Anyone drops a file in {@code signals/}; the daemon
 * claims it by renaming it into {@code signals/claimed/} with the claim time in the name, applies
 * it, then deletes it. Files it cannot use go to {@code signals/rejected/} with a reason. Whatever
 * is dropped (a directory, a FIFO, a symlink, a huge file, a name too long to claim) is moved by
 * rename only, never followed and never opened unless it is a small regular file.
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

  /** A rejected name is kept as at most this many UTF-8 bytes of its printable start. */
  static final int SHORT_NAME = 64;

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
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
  public record Claimed(String pond, Path file, String originalName, Instant claimedAt, String rejected) {
    public Claimed(String pond, Path file, String originalName, Instant claimedAt) {
      this(pond, file, originalName, claimedAt, null);
    }
  }

  public SignalStore(CatchmentLayout layout) {
    this(layout, message -> {});
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
            + STAMP.format(now)
            + "-"
            + ProcessHandle.current().pid()
            + "-"
            + UUID.randomUUID().toString().substring(0, 6);
    Path file = layout.signals(pond).resolve(name);
    AtomicFiles.writeString(file, body);
    return file;
  }

  /**
   * Entries waiting in the inbox, by name (unclaimed): everything but dot-names and the names of
   * the daemon's own {@code claimed/} and {@code rejected/} directories (an impostor under those
   * names is moved aside before anything is moved in). Not only regular files: whatever is
   * dropped is claimed, so that it can be rejected with a reason. The paths keep the names'
   * bytes as the directory holds them.
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
   * Claims every waiting signal of {@code pond} at {@code now}, in name order. A signal that
   * cannot be claimed is left where it is and reported once; the others are still claimed.
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
      once(claimedDir.toString(), "cannot claim signals of '" + pond + "': " + claimedDir + ": " + e);
      return out;
    }
    boolean rejectedAny = false;
    for (Path p : waiting) {
      String original = p.getFileName().toString();
      String seq = now.toEpochMilli() + "-" + String.format("%06d", sequence.incrementAndGet()) + "-";
      String badName = nameProblem(original);
      try {
        if (badName == null) {
          Path dest = claimedDir.resolve(seq + original);
          AtomicFiles.move(p, dest);
          out.add(new Claimed(pond, dest, original, now));
        } else {
          // Too long to claim, or unsafe to write beside: rejected at once, under a short name.
          String shortName = shorten(original);
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
        once(p.toString(), "cannot claim signal '" + shorten(original) + "' of '" + pond + "': " + e.getMessage());
      }
    }
    if (!out.isEmpty()) {
      AtomicFiles.fsyncDirectory(claimedDir);
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
    if (!isRealDirectory(dir)) {
      return out;
    }
    for (String name : Deployments.list(dir)) {
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
   * Reads a claimed signal's body, or throws a one-line reason to reject it with. Only a regular
   * file of at most {@link #MAX_BODY} bytes is opened, and never through a symlink: the type and
   * size come from the entry itself ({@code lstat}), so a FIFO is never opened and a link never
   * followed. The reason names the signal and its kind of file, nothing about what a link points at.
   */
  public byte[] body(Claimed c) {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(c.file(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new DuckstringException("cannot read signal '" + c.originalName() + "': " + e.getMessage(), e);
    }
    if (!a.isRegularFile()) {
      throw new DuckstringException(
          "signal '" + c.originalName() + "' is " + kindOf(c.file(), a) + ", not a regular file;"
              + " only regular files are signals, and the daemon neither follows nor opens anything else");
    }
    if (a.size() > MAX_BODY) {
      throw new DuckstringException(tooBig(c, a.size()));
    }
    Set<OpenOption> options = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    try (SeekableByteChannel ch = Files.newByteChannel(c.file(), options)) {
      ByteBuffer buf = ByteBuffer.allocate((int) MAX_BODY + 1);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // bounded: the file may have grown since it was measured
      }
      if (buf.position() > MAX_BODY) {
        throw new DuckstringException(tooBig(c, buf.position()));
      }
      byte[] out = new byte[buf.position()];
      buf.flip().get(out);
      return out;
    } catch (IOException e) {
      throw new DuckstringException("cannot read signal '" + c.originalName() + "': " + e.getMessage(), e);
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
      name = shorten(name); // claimed by an older daemon with no bound: still room for the .reason
    }
    Path dest = dir.resolve(name);
    try {
      ownDirectory(dir);
      AtomicFiles.writeStringPrivate(reasonFile(dest), oneLine(reason) + "\n");
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

  /**
   * Why a dropped name cannot be claimed as it is, or null: longer than {@link #MAX_NAME} UTF-8
   * bytes, not valid UTF-8 (the platform decodes bad bytes to U+FFFD), or holding a control
   * character such as a newline.
   */
  static String nameProblem(String name) {
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_NAME) {
      return "the signal name is "
          + bytes
          + " bytes long, over the limit of "
          + MAX_NAME
          + "; it was rejected under the shortened name '"
          + shorten(name)
          + "'";
    }
    if (name.indexOf('\uFFFD') >= 0) {
      return "the signal name is not valid UTF-8; it was rejected under the name '" + shorten(name) + "'";
    }
    if (name.chars().anyMatch(SignalStore::isControl)) {
      return "the signal name holds a control character (such as a newline);"
          + " it was rejected under the name '"
          + shorten(name)
          + "'";
    }
    return null;
  }

  /**
   * A safe, short stand-in for a bad name: control characters and undecodable bytes become
   * {@code _}, and only the first {@link #SHORT_NAME} UTF-8 bytes are kept ({@code ~} marks a cut).
   */
  static String shorten(String name) {
    StringBuilder b = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      i += Character.charCount(cp);
      if (isControl(cp) || cp == 0xFFFD || cp == '/') {
        cp = '_';
      }
      int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + n > SHORT_NAME) {
        return b.append('~').toString();
      }
      b.appendCodePoint(cp);
      bytes += n;
    }
    return b.toString();
  }

  private static boolean isControl(int cp) {
    return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0);
  }

  private static String oneLine(String reason) {
    return reason.replaceAll("[\\r\\n]+", " ");
  }

  private static String tooBig(Claimed c, long size) {
    return "signal '"
        + c.originalName()
        + "' is "
        + size
        + " bytes, over the limit of "
        + MAX_BODY
        + " bytes for a signal body; it was not read";
  }

  /** "a directory", "a symbolic link", "a FIFO": the kind of a non-regular entry, from lstat only. */
  private static String kindOf(Path p, BasicFileAttributes a) {
    if (a.isSymbolicLink()) {
      return "a symbolic link";
    }
    if (a.isDirectory()) {
      return "a directory";
    }
    try {
      int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      switch (mode & 0170000) {
        case 0010000:
          return "a FIFO (named pipe)";
        case 0140000:
          return "a socket";
        case 0020000:
          return "a character device";
        case 0060000:
          return "a block device";
        default:
          break;
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
      // no unix attributes here: say less
    }
    return "a special file";
  }

  private static boolean isRealDirectory(Path p) {
    return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Makes sure {@code dir} (claimed/ or rejected/) is the daemon's own real directory. Anything
   * else dropped under that name (a file, a symlink to somewhere else) is first renamed aside to a
   * dot-name, so nothing is ever moved into or written through a link.
   */
  private void ownDirectory(Path dir) throws IOException {
    if (isRealDirectory(dir)) {
      return;
    }
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      Path aside = dir.resolveSibling(AtomicFiles.tempName(dir.getFileName().toString()));
      AtomicFiles.move(dir, aside);
      once(aside.toString(), dir + " was not a real directory (a file or a link); it was renamed to " + aside.getFileName());
    }
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      if (!isRealDirectory(dir)) {
        throw e;
      }
    }
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
