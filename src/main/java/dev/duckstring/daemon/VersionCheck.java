package dev.duckstring.daemon;

import dev.duckstring.catchment.Deployed;
import dev.duckstring.deploy.VersionContent;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Whether a deployed version directory still holds what was deployed: its files hash to the {@code
 * content_hash} of its DEPLOY.toml. The hash is computed again only when a stat of its files (name,
 * inode, size, change time, which no one can set back) differs from the last check, so the graph
 * build and every Ripple start can ask.
 */
final class VersionCheck {
  private final Map<Path, Seen> seen = new ConcurrentHashMap<>();

  /** Told of each version whose files check out, once per content (decision 57). */
  private volatile Consumer<Deployed> verified = d -> {};

  /** The last check of one directory: the stat it was made at, the hash checked and its verdict. */
  private record Seen(String stamp, String recorded, String problem) {}

  /** Throws a one-line error when {@code d}'s files no longer match its DEPLOY.toml. */
  void verify(Deployed d) {
    String recorded = d.record().contentHash();
    if (recorded == null) {
      throw new DuckstringException(
          d.dir().resolve("DEPLOY.toml")
              + " has no content_hash, so its files cannot be checked; deploy it again");
    }
    String stamp = stamp(d.dir());
    Seen s = seen.get(d.dir());
    if (s == null || !s.stamp().equals(stamp) || !s.recorded().equals(recorded)) {
      String actual = VersionContent.hash(d.dir());
      String problem =
          actual.equals(recorded)
              ? null
              : d.dir()
                  + ": files changed after deploy (content hash "
                  + actual.substring(0, 12)
                  + "..., DEPLOY.toml records "
                  + recorded.substring(0, Math.min(12, recorded.length()))
                  + "...); refusing to run it; deploy it again with --force";
      s = new Seen(stamp, recorded, problem);
      seen.put(d.dir(), s);
      if (problem == null) {
        verified.accept(d);
      }
    }
    if (s.problem() != null) {
      throw new DuckstringException(s.problem());
    }
  }

  /**
   * Tells {@code listener} of each version that checks out the first time it is checked (and again
   * after its files change): the daemon's first sight of a deployed version. It runs on the
   * caller's thread (the reactor's, for a graph build), so it must only hand the work on.
   */
  void whenVerified(Consumer<Deployed> listener) {
    this.verified = listener;
  }

  /** Every entry under {@code dir} with its inode, size and change time; unique when unreadable. */
  private static String stamp(Path dir) {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted().toList()) {
        Map<String, Object> a =
            Files.readAttributes(p, "unix:ino,size,ctime", LinkOption.NOFOLLOW_LINKS);
        b.append(dir.relativize(p))
            .append(' ')
            .append(a.get("ino"))
            .append(' ')
            .append(a.get("size"))
            .append(' ')
            .append(a.get("ctime"))
            .append('\n');
      }
    } catch (IOException | RuntimeException e) {
      return "unstatable " + System.nanoTime(); // no stamp to trust: hash again
    }
    return b.toString();
  }
}
