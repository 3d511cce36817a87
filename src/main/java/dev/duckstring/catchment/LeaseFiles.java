package dev.duckstring.catchment;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.fs.Json;
import dev.duckstring.fs.JsonScan;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;

/**
 * The numbered lease files {@code catchment.lock.<n>} on disk: finding the highest, reading a
 * holder, creating a generation whole by exclusive link, rewriting one in place, removing older
 * ones. Each file keeps one size, padded with spaces, so a rewrite needs no free space.
 */
final class LeaseFiles {
  static final String PREFIX = "catchment.lock.";

  /** Lease files keep one size, so a heartbeat rewrites them in place and needs no free space. */
  static final int BLOCK = 512;

  private LeaseFiles() {}

  /** One lease file: its number, path and holder (null when it cannot be read). */
  record Generation(long n, Path path, Lease.Holder holder) {}

  /** The highest generation present, or null. */
  static Generation highest(CatchmentLayout layout) {
    long n = highestNumber(layout);
    if (n < 0) {
      return null;
    }
    Path path = n == 0 ? layout.lock() : layout.lockGeneration(n);
    return new Generation(n, path, readHolder(path));
  }

  /**
   * The highest generation number present, 0 for an older version's regular {@code catchment.lock},
   * -1 for none.
   */
  static long highestNumber(CatchmentLayout layout) {
    long best = -1;
    // The root is listed whole and filtered by name: a glob compiles a regex (decision 59).
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(layout.root())) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (!name.startsWith("catchment.lock")) {
          continue;
        }
        if (name.equals("catchment.lock")) {
          if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            best = Math.max(best, 0);
          }
        } else if (name.startsWith(PREFIX)) {
          String rest = name.substring(PREFIX.length());
          if (isNumber(rest)) {
            best = Math.max(best, Long.parseLong(rest));
          }
        }
      }
    } catch (NoSuchFileException e) {
      return -1;
    } catch (IOException e) {
      throw new DuckstringException("cannot list " + layout.root() + ": " + e.getMessage(), e);
    }
    return best;
  }

  private static boolean isNumber(String rest) {
    if (rest.isEmpty() || rest.length() > 18) {
      return false;
    }
    for (int i = 0; i < rest.length(); i++) {
      if (!Character.isDigit(rest.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Reads a lease file; a few retries ride over a read that met a heartbeat half way. */
  private static Lease.Holder readHolder(Path path) {
    for (int attempt = 0; ; attempt++) {
      try {
        String text = AtomicFiles.readStringOrNull(path);
        if (text == null) {
          return null;
        }
        Lease.Holder fast = scan(text);
        return fast != null ? fast : Json.read(text, Lease.Holder.class, path.toString());
      } catch (DuckstringException e) {
        if (attempt == 2) {
          return null; // unreadable: counts as free, as before
        }
        try {
          Thread.sleep(5);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
    }
  }

  /**
   * A holder as {@link #render} writes it, read with {@link JsonScan} (a CLI start skips gson's
   * reflection, decision 59); null for anything else, which {@code Json} then reads or refuses.
   */
  static Lease.Holder scan(String text) {
    try {
      JsonScan j = new JsonScan(text);
      if (!j.object()) {
        return null;
      }
      String host = null;
      long pid = 0;
      Instant started = null;
      Instant heartbeat = null;
      long generation = 0;
      boolean stopped = false;
      for (String f = j.field(); f != null; f = j.field()) {
        switch (f) {
          case "host" -> host = j.string();
          case "pid" -> pid = j.longInteger();
          case "started" -> started = j.instant();
          case "heartbeat" -> heartbeat = j.instant();
          case "generation" -> generation = j.longInteger();
          case "stopped" -> stopped = j.bool();
          default -> throw new JsonScan.Unexpected();
        }
      }
      j.end();
      return new Lease.Holder(host, pid, started, heartbeat, generation, stopped);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Creates generation file {@code me.generation()} whole, or returns null if it exists. */
  static FileChannel create(CatchmentLayout layout, Lease.Holder me, int size) {
    Path target = layout.lockGeneration(me.generation());
    Path tmp = layout.root().resolve(AtomicFiles.tempName(target.getFileName().toString()));
    FileChannel ch = null;
    try {
      ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      write(ch, render(me, size));
      ch.force(true);
      Files.createLink(
          target, tmp); // fails if the generation exists: the one primitive that cannot race
      AtomicFiles.fsyncDirectory(layout.root());
      return ch;
    } catch (FileAlreadyExistsException e) {
      if (sameFile(tmp, target)) {
        return ch; // NFS: our link went through, but its reply was lost and the retry saw it
      }
      close(ch);
      return null;
    } catch (IOException e) {
      close(ch);
      throw new DuckstringException("cannot create " + target + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Deletes generation files older than {@code generation} (and an older version's regular
   * catchment.lock).
   */
  static void removeOlder(CatchmentLayout layout, long generation) {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(layout.root(), "catchment.lock.*")) {
      for (Path p : ds) {
        String rest = p.getFileName().toString().substring(PREFIX.length());
        if (isNumber(rest) && Long.parseLong(rest) < generation) {
          deleteQuietly(p);
        }
      }
    } catch (IOException e) {
      // older generations are harmless: the highest one is the lease
    }
  }

  /** The file's bytes: pretty JSON padded with spaces to {@code size} (0: unpadded). */
  static byte[] render(Lease.Holder h, int size) {
    byte[] json = (Json.write(h) + "\n").getBytes(StandardCharsets.UTF_8);
    if (size <= json.length) {
      return json;
    }
    byte[] out = new byte[size];
    Arrays.fill(out, (byte) ' ');
    System.arraycopy(json, 0, out, 0, json.length);
    out[size - 1] = '\n';
    return out;
  }

  /** The size a holder's file keeps: its JSON with room to spare, in whole blocks. */
  static int sizeFor(Lease.Holder h) {
    return (render(h, 0).length + 64 + BLOCK - 1) / BLOCK * BLOCK;
  }

  /** Writes {@code bytes} at the start of the file. */
  static void write(FileChannel ch, byte[] bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    long pos = 0;
    while (buf.hasRemaining()) {
      pos += ch.write(buf, pos);
    }
  }

  static void close(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        // nothing was written through it that matters any more
      }
    }
  }

  static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // a leftover temporary is skipped by every reader
    }
  }
}
