package dev.duckstring.fs;

import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Atomic, durable writes: temp file in the same directory, fsync, atomic rename, fsync directory.
 */
public final class AtomicFiles {
  /** Prefix of every temporary name; scanners skip names that start with it. */
  public static final String TEMP_PREFIX = ".tmp-";

  private AtomicFiles() {}

  /** True for names that are in-flight temporaries (or hidden files) and must be ignored. */
  public static boolean isTemporary(String fileName) {
    return fileName.startsWith(".");
  }

  /** Atomically and durably replaces {@code target} with {@code content}. */
  public static void write(Path target, byte[] content) {
    write(target, content, true);
  }

  /**
   * Atomically replaces {@code target} without waiting for the disk: readers never see half a file,
   * but an OS crash may bring back the previous content. For files derived from others (status,
   * progress of a run) that the daemon rewrites anyway.
   */
  public static void writeUnsynced(Path target, byte[] content) {
    write(target, content, false);
  }

  private static void write(Path target, byte[] content, boolean durable) {
    write(target, content, durable, null);
  }

  private static void write(Path target, byte[] content, boolean durable, FileAttribute<?> mode) {
    WriteFence.check(); // not even a temporary: checked again at the rename
    Path dir = target.toAbsolutePath().getParent();
    try {
      Dirs.ensure(dir);
      Path tmp = dir.resolve(tempName(target.getFileName().toString()));
      boolean moved = false;
      try {
        try (FileChannel ch = create(tmp, mode)) {
          ByteBuffer buf = ByteBuffer.wrap(content);
          while (buf.hasRemaining()) {
            ch.write(buf);
          }
          if (durable) {
            ch.force(true);
          }
        }
        move(tmp, target);
        moved = true;
      } finally {
        if (!moved) {
          Files.deleteIfExists(tmp);
        }
      }
      if (durable) {
        fsyncDirectory(dir);
      }
    } catch (IOException e) {
      throw new DuckstringException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Atomically and durably replaces {@code target} with UTF-8 {@code text} readable by its owner
   * and group only (0640) where the file system has POSIX permissions.
   */
  public static void writeStringPrivate(Path target, String text) {
    write(target, text.getBytes(StandardCharsets.UTF_8), true, PRIVATE);
  }

  /**
   * Atomically and durably replaces {@code target} with UTF-8 {@code text} that only its owner may
   * read and write (0600), for files that hold secrets or their hashes.
   */
  public static void writeStringOwnerOnly(Path target, String text) {
    write(target, text.getBytes(StandardCharsets.UTF_8), true, OWNER_ONLY);
  }

  private static final FileAttribute<?> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private static final FileAttribute<?> PRIVATE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----"));

  private static FileChannel create(Path tmp, FileAttribute<?> mode) throws IOException {
    Set<StandardOpenOption> options =
        EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    if (mode != null) {
      try {
        return FileChannel.open(tmp, options, mode);
      } catch (UnsupportedOperationException e) {
        // no POSIX permissions on this file system: the default mode it is
      }
    }
    return FileChannel.open(tmp, options);
  }

  /** Atomically replaces {@code target} with UTF-8 {@code text}. */
  public static void writeString(Path target, String text) {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /** A fresh temporary name for something that will be renamed to {@code finalName}. */
  public static String tempName(String finalName) {
    return TEMP_PREFIX + finalName + "." + randomHex(8);
  }

  /**
   * {@code digits} (at most 15) random lower-case hex digits for a unique file name. Not a secret
   * (the names are created with CREATE_NEW or carry the pid): {@link ThreadLocalRandom}, because
   * {@code UUID.randomUUID} initialises the JDK's security providers, about 50 ms of a CLI start.
   */
  public static String randomHex(int digits) {
    long bound = 1L << (4 * digits);
    return Long.toHexString(bound | ThreadLocalRandom.current().nextLong(bound)).substring(1);
  }

  /** Renames {@code from} over {@code to} atomically; the rename is the commit point. */
  public static void move(Path from, Path to) throws IOException {
    WriteFence.check();
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("atomic rename not supported from " + from + " to " + to, e);
    }
  }

  /** Makes a rename or create in {@code dir} durable (a no-op where the OS cannot). */
  public static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms and file systems cannot open or sync a directory; rename stays atomic.
    }
  }

  /**
   * Forces the tree under {@code root} to disk as {@link #fsyncTree} does when it holds more than
   * {@code files} files; true when it did. The tree is walked once.
   */
  public static boolean fsyncTreeIfLarger(Path root, int files) throws IOException {
    List<Path> tree;
    try (Stream<Path> s = Files.walk(root)) {
      tree = s.toList();
    }
    if (tree.stream().filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).count()
        <= files) {
      return false;
    }
    force(tree);
    return true;
  }

  /** Forces every file under {@code root} and the directories holding them to disk. */
  public static void fsyncTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      force(s.toList());
    }
  }

  /** Forces each regular file of {@code tree} and each directory, in that order of the walk. */
  private static void force(List<Path> tree) throws IOException {
    for (Path p : tree) {
      if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
          ch.force(true);
        }
      } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        fsyncDirectory(p);
      }
    }
  }

  /**
   * Reads a UTF-8 file, or returns null when it does not exist. Anything else that goes wrong is a
   * one-line error naming the file and the problem ({@code x/state.json: error: not valid UTF-8 at
   * byte offset 17}).
   */
  public static String readStringOrNull(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new DuckstringException(file + ": error: cannot read: " + problem(e), e);
    }
    return decodeUtf8(bytes, file.toString());
  }

  /**
   * Decodes strict UTF-8; malformed input is a one-line error naming {@code source} and the byte
   * offset.
   */
  public static String decodeUtf8(byte[] bytes, String source) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(in)
          .toString();
    } catch (CharacterCodingException e) {
      throw new DuckstringException(
          source + ": error: not valid UTF-8 at byte offset " + in.position(), e);
    }
  }

  /** What went wrong in an I/O call, in words: the exception's message, or its kind. */
  private static String problem(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
