package dev.duckstring.fs;

import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Reading files: whole, with one-line errors that name the file; or bounded and never through a
 * link, for files anyone may drop into the root (signals, triggers).
 */
public final class FileReads {
  private FileReads() {}

  /**
   * The bytes of {@code file}; {@code <file>: error: file not found} or {@code <file>: error:
   * cannot read: <why>} otherwise.
   */
  public static byte[] readAll(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DuckstringException(file + ": error: file not found");
    } catch (IOException e) {
      throw new DuckstringException(file + ": error: cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Up to {@code max + 1} bytes of {@code file}, opened without following a symlink: a result
   * longer than {@code max} says the file is over the bound (it may have grown since it was
   * measured), and nothing more of it is read.
   */
  public static byte[] readNoFollow(Path file, long max) throws IOException {
    Set<OpenOption> options = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    try (SeekableByteChannel ch = Files.newByteChannel(file, options)) {
      ByteBuffer buf = ByteBuffer.allocate((int) max + 1);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // bounded: read up to one byte past the bound
      }
      byte[] out = new byte[buf.position()];
      buf.flip().get(out);
      return out;
    }
  }

  /**
   * "a directory", "a symbolic link", "a FIFO (named pipe)", ...: the kind of a non-regular entry
   * {@code p} whose attributes {@code a} were read without following links; nothing is opened.
   */
  public static String kindOf(Path p, BasicFileAttributes a) {
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
    } catch (IOException
        | UnsupportedOperationException
        | IllegalArgumentException
        | ClassCastException e) {
      // no unix attributes here: say less
    }
    return "a special file";
  }
}
