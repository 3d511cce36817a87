import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/**
 * Run by scripts/native-smoke.sh ('make build'): DuckDB answers a query, its JNI library was not
 * copied into java.io.tmpdir, and (where /proc/self/maps exists) the library mapped into this JVM
 * is the one in the directory given as the only argument. Exits 1 with the reason otherwise.
 */
public final class NativeSmoke {
  private NativeSmoke() {}

  public static void main(String[] args) throws Exception {
    Path lib = Path.of(args[0]).toRealPath();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT 6 * 7")) {
      if (!r.next() || r.getInt(1) != 42) {
        fail("DuckDB answered SELECT 6 * 7 with something other than 42");
      }
    }
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Stream<Path> files = Files.list(tmp)) {
      List<Path> copies = files.filter(NativeSmoke::isLibrary).toList();
      if (!copies.isEmpty()) {
        fail("DuckDB copied its library into java.io.tmpdir (" + copies + ") instead of loading the one in " + lib);
      }
    }
    Path maps = Path.of("/proc/self/maps");
    if (Files.isReadable(maps)) {
      List<Path> mapped =
          Files.readAllLines(maps).stream()
              .map(line -> line.substring(line.indexOf('/') < 0 ? line.length() : line.indexOf('/')))
              .filter(p -> !p.isEmpty())
              .map(Path::of)
              .filter(NativeSmoke::isLibrary)
              .distinct()
              .toList();
      if (mapped.size() != 1 || !lib.equals(mapped.get(0).getParent())) {
        fail("DuckDB's library should be mapped from " + lib + ", found " + mapped);
      }
    }
  }

  private static boolean isLibrary(Path p) {
    return p.getFileName() != null && p.getFileName().toString().startsWith("libduckdb_java");
  }

  private static void fail(String why) {
    System.err.println("native-smoke: " + why);
    System.exit(1);
  }
}
