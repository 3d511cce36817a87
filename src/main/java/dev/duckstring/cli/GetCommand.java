package dev.duckstring.cli;

import dev.duckstring.manifest.Registrations;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.PondPin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/** {@code get}: copy a Ripple's published directory to {@code ./ponds/POND/RIPPLE} or --path. */
final class GetCommand extends BaseCommand {
  private final OptionSpec<String> path =
      parser
          .accepts("path", "write here instead of ./ponds/POND/RIPPLE")
          .withRequiredArg()
          .describedAs("DIR");
  private final OptionSpec<String> version =
      parser
          .accepts("version", "read this major (1), or the version (1.2.0) that made its data")
          .withRequiredArg()
          .describedAs("V");

  @Override
  public String name() {
    return "get";
  }

  @Override
  public String summary() {
    return "Copy the published output directory of one Ripple (any files, not only tables).";
  }

  @Override
  public String usage() {
    return "duckstring get CATCHMENT POND[@PIN] RIPPLE [--path DIR] [--version V]";
  }

  @Override
  int execute(OptionSet options, List<String> args, Env env) throws IOException {
    expect(args, 3, 3, "CATCHMENT POND RIPPLE");
    PondPin pin = PondPin.parse(args.get(1)).withVersion(options.valueOf(version));
    Path to =
        options.has(path)
            ? env.resolve(options.valueOf(path))
            : env.cwd().resolve("ponds").resolve(pin.pond()).resolve(args.get(2));
    Registrations.Entry e = Catchments.entry(env, args.get(0));
    int files =
        e.isRemote()
            ? ReadSide.remote(e).download(pin.pond(), pin.pin(), args.get(2), to)
            : copyTree(ReadSide.ripple(env, args.get(0), pin, args.get(2)), to);
    env.out()
        .println(
            "copied "
                + files
                + " file(s) of "
                + pin
                + "."
                + args.get(2)
                + " to "
                + display(env, to));
    return 0;
  }

  static String display(Env env, Path p) {
    return p.startsWith(env.cwd()) && !p.equals(env.cwd())
        ? "./" + env.cwd().relativize(p)
        : p.toString();
  }

  /** Copies every file under {@code from} into {@code to}, replacing files of the same name. */
  static int copyTree(Path from, Path to) throws IOException {
    if (Files.exists(to) && !Files.isDirectory(to)) {
      throw new DuckstringException(to + " exists and is not a directory");
    }
    int n = 0;
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.sorted().toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
          n++;
        }
      }
    }
    return n;
  }
}
