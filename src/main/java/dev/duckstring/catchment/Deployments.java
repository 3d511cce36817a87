package dev.duckstring.catchment;

import dev.duckstring.fs.Dirs;
import dev.duckstring.fs.FileReads;
import dev.duckstring.manifest.DeployRecord;
import dev.duckstring.manifest.ManifestReader;
import dev.duckstring.manifest.YankFile;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.Names;
import dev.duckstring.model.PondManifest;
import dev.duckstring.model.PondVersion;
import dev.duckstring.model.Suggest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Reads what has been deployed: Ponds, their versions, and each line's selected version. */
public final class Deployments {
  private final CatchmentLayout layout;

  /**
   * Versions read before, by directory, with the identity of the two files they were read from: a
   * daemon rebuilds its graph at every deploy, and parses only the versions that changed.
   */
  private final Map<Path, Read> reads = new ConcurrentHashMap<>();

  private record Read(String stamp, Deployed deployed) {}

  public Deployments(CatchmentLayout layout) {
    this.layout = layout;
  }

  /** Names of every Pond with a directory in the root, sorted. */
  public List<String> ponds() {
    List<String> out = new ArrayList<>(); // loops, not streams, on a CLI start's path (decision 59)
    for (String name : Dirs.names(layout.ponds())) {
      if (Names.isValid(name)) {
        out.add(name);
      }
    }
    return Collections.unmodifiableList(out); // sorted: Dirs.names is
  }

  /** Deployed versions of {@code pond}, ascending by semver; in-flight temporaries are skipped. */
  public List<PondVersion> versions(String pond) {
    List<PondVersion> out = new ArrayList<>();
    for (String name : Dirs.names(layout.versions(pond))) {
      if (PondVersion.isValid(name)
          && Files.isRegularFile(
              layout.version(pond, PondVersion.parse(name)).resolve("DEPLOY.toml"))) {
        out.add(PondVersion.parse(name));
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** The majors deployed for {@code pond}, ascending. */
  public List<Integer> majors(String pond) {
    List<Integer> out = new ArrayList<>();
    for (PondVersion v : versions(pond)) { // ascending, so equal majors are neighbours
      if (out.isEmpty() || out.get(out.size() - 1) != v.major()) {
        out.add(v.major());
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The version a line runs: the highest deployed version of that major that is not yanked (empty
   * when every one is; see {@link Yanks}).
   */
  public Optional<PondVersion> selected(LineId line) {
    return Yanks.runnable(versions(line.pond()), yanked(line.pond()), line.major());
  }

  /** Deployed versions of {@code pond} with a {@code YANKED} file, ascending. */
  public List<PondVersion> yanked(String pond) {
    return versions(pond).stream().filter(v -> isYanked(pond, v)).toList();
  }

  /** Whether {@code version} of {@code pond} has a YANKED entry: any file, even a dangling link. */
  public boolean isYanked(String pond, PondVersion version) {
    return Files.exists(layout.yanked(pond, version), LinkOption.NOFOLLOW_LINKS);
  }

  /** The YANKED file of {@code version}, or null when it is not yanked. */
  public YankFile yank(String pond, PondVersion version) {
    if (!isYanked(pond, version)) {
      return null;
    }
    Path file = layout.yanked(pond, version);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return new YankFile(null, null); // a directory, a FIFO, a link: still yanked, never opened
    }
    try {
      return YankFile.parse(FileReads.readNoFollow(file, 64 * 1024));
    } catch (IOException e) {
      return new YankFile(null, null); // present but unreadable (a directory): still yanked
    }
  }

  /**
   * Reads one deployed version; again only when its pond.toml or DEPLOY.toml is another file, or
   * has another size or modification time, than at the last read. (A file edited in place and set
   * back to its old time is still refused at the Ripple's start: {@code daemon.VersionCheck} hashes
   * the files again when their change time moves.)
   */
  public Deployed read(String pond, PondVersion version) {
    Path dir = layout.version(pond, version);
    checkReal(dir);
    String stamp = stamp(dir);
    Read before = stamp == null ? null : reads.get(dir);
    if (before != null && before.stamp().equals(stamp)) {
      return before.deployed();
    }
    Deployed read = parse(dir, pond, version);
    if (stamp != null) {
      reads.put(dir, new Read(stamp, read));
    }
    return read;
  }

  private static Deployed parse(Path dir, String pond, PondVersion version) {
    PondManifest manifest = ManifestReader.read(dir);
    if (!manifest.name().equals(pond) || !manifest.version().equals(version)) {
      throw new DuckstringException(
          dir.resolve(ManifestReader.FILE)
              + ": error: declares "
              + manifest.name()
              + " "
              + manifest.version()
              + " but is deployed as "
              + pond
              + " "
              + version);
    }
    return new Deployed(manifest, dir, DeployRecord.read(dir.resolve("DEPLOY.toml")));
  }

  /** Key, size and modification time of a version's two files; null when one cannot be read. */
  private static String stamp(Path dir) {
    StringBuilder b = new StringBuilder();
    for (String file : new String[] {ManifestReader.FILE, "DEPLOY.toml"}) {
      try {
        BasicFileAttributes a =
            Files.readAttributes(
                dir.resolve(file), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        b.append(a.fileKey()).append(' ').append(a.size()).append(' ');
        b.append(a.lastModifiedTime()).append(';');
      } catch (IOException e) {
        return null;
      }
    }
    return b.toString();
  }

  /**
   * Every line with its selected version, keyed by line; unreadable ones go to {@code problems}.
   */
  public Map<LineId, Deployed> lines(Map<LineId, String> problems) {
    Map<LineId, Deployed> out = new TreeMap<>();
    for (String pond : ponds()) {
      for (int major : majors(pond)) {
        LineId line = new LineId(pond, major);
        PondVersion v = selected(line).orElse(null);
        if (v == null) {
          continue; // every version yanked: the line runs nothing (Yanks.everyVersion)
        }
        try {
          out.put(line, read(pond, v));
        } catch (DuckstringException e) {
          problems.put(line, e.getMessage());
        }
      }
    }
    return out;
  }

  /** The highest major of {@code pond}, or a one-line error if nothing is deployed. */
  public LineId defaultLine(String pond) {
    List<Integer> majors = majors(Names.check("pond", pond));
    if (majors.isEmpty()) {
      throw new DuckstringException(
          "unknown pond '"
              + pond
              + "'"
              + Suggest.hint(pond, ponds())
              + ": nothing deployed under that name");
    }
    return new LineId(pond, majors.get(majors.size() - 1));
  }

  /**
   * The line {@code version} names for {@code pond}: a major ({@code 1}), the exact version that
   * line runs ({@code 1.2.0}), or null for the highest major; one-line errors otherwise.
   */
  public LineId line(String pond, String version) {
    LineId line = defaultLine(pond);
    if (version == null) {
      return line;
    }
    if (version.matches("\\d{1,9}")) {
      line = new LineId(pond, Integer.parseInt(version));
      if (!majors(pond).contains(line.major())) {
        throw new DuckstringException(
            "pond '"
                + pond
                + "' has no deployed major "
                + version
                + " (deployed: "
                + versions(pond)
                + ")");
      }
      return line;
    }
    PondVersion exact = PondVersion.parse(version);
    line = new LineId(pond, exact.major());
    PondVersion runs =
        selected(line)
            .orElseThrow(
                () ->
                    new DuckstringException(
                        "pond '"
                            + pond
                            + "' has no deployed version "
                            + version
                            + " (deployed: "
                            + versions(pond)
                            + ")"));
    if (!runs.equals(exact)) {
      throw new DuckstringException(
          "version "
              + version
              + " of '"
              + pond
              + "' is not the one its line runs; "
              + line
              + " runs "
              + runs
              + " (the highest deployed that is not yanked); use --version "
              + runs.major()
              + " or --version "
              + runs);
    }
    return line;
  }

  /**
   * Refuses a version directory reached through a symlink (the version itself, or its {@code
   * versions/} or Pond directory): deploy only ever writes real directories inside the root.
   */
  private void checkReal(Path dir) {
    try {
      Path real = dir.toRealPath();
      Path expected = layout.root().toRealPath().resolve(layout.root().relativize(dir));
      if (!real.equals(expected)) {
        throw new DuckstringException(
            dir
                + " is a symlink to "
                + real
                + "; a deployed version must be a real directory (deploy it again)");
      }
    } catch (IOException e) {
      throw new DuckstringException("cannot read " + dir + ": " + e.getMessage(), e);
    }
  }
}
