package dev.duckstring.http;

import dev.duckstring.model.LineId;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Ripple downloads: the whole published directory as a zip stream, or one file as it is. Both serve
 * only regular files whose real path lies inside the published Ripple.
 */
final class Downloads {
  private static final Map<String, String> TYPES =
      Map.of(
          "parquet", "application/vnd.apache.parquet",
          "csv", "text/csv; charset=utf-8",
          "json", "application/json; charset=utf-8",
          "md", "text/markdown; charset=utf-8",
          "txt", "text/plain; charset=utf-8");

  private final Published published;

  Downloads(Published published) {
    this.published = published;
  }

  /** {@code /api/ponds/{pond}/ripples/{ripple}}: a zip of the Ripple's files. */
  Reply zip(String pond, String version, String ripple, boolean head) {
    LineId line = published.line(pond, version);
    Path dir = published.ripple(line, ripple);
    List<PondReply.FileEntry> files = ApiReplies.files(dir);
    Reply.Writer writer =
        out -> {
          try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (PondReply.FileEntry f : files) {
              Path p = dir.resolve(f.path());
              if (!RootPaths.inside(p, dir)) {
                continue;
              }
              z.putNextEntry(new ZipEntry(ripple + "/" + f.path()));
              try (InputStream in = Files.newInputStream(p)) {
                in.transferTo(z);
              }
              z.closeEntry();
            }
          }
        };
    Reply.Body body = head ? new Reply.Bytes(new byte[0]) : new Reply.Streamed(writer);
    return new Reply(
        200,
        "application/zip",
        Map.of(
            "Content-Disposition",
            "attachment; filename=\"" + line.pond() + "." + ripple + ".zip\"",
            "X-Duckstring-Line",
            line.toString(),
            "X-Duckstring-Files",
            String.valueOf(files.size())),
        body);
  }

  /** {@code /api/ponds/{pond}/ripples/{ripple}/{path...}}: one published file. */
  Reply file(String pond, String version, String ripple, List<String> segments) {
    LineId line = published.line(pond, version);
    Path file = published.file(line, ripple, segments);
    if (!Files.isRegularFile(file)) {
      throw HttpFailure.notFound("not a file: " + String.join("/", segments));
    }
    return new Reply(
        200,
        type(file.getFileName().toString()),
        Map.of("X-Duckstring-Line", line.toString()),
        new Reply.FileBody(file));
  }

  static String type(String name) {
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }
}
