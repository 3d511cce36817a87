package dev.duckstring.cli;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.fs.FileReads;
import dev.duckstring.http.KeyFile;
import dev.duckstring.manifest.CatchmentConfig;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code catchment key}: make a fresh bearer key for a Catchment's view, show it once and add its
 * hash to the {@code read_keys_file} (created 0600).
 */
final class CatchmentKeyCommand extends BaseCommand {
  /** The longest label. */
  static final int MAX_LABEL = 200;

  private final OptionSpec<String> label =
      parser
          .accepts("label", "a note kept beside the key's hash (who or what uses it)")
          .withRequiredArg()
          .describedAs("LABEL");
  private final OptionSpec<String> out =
      parser
          .accepts("out", "write the key to this new file (created 0600) instead of stdout")
          .withRequiredArg()
          .describedAs("FILE");

  @Override
  public String name() {
    return "catchment key";
  }

  @Override
  public String summary() {
    return "Make a new key for the HTTP view: print it once and add its hash to read_keys_file.";
  }

  @Override
  public String usage() {
    return "duckstring catchment key CATCHMENT [--label LABEL] [--out FILE]";
  }

  @Override
  int execute(OptionSet options, List<String> args, Env env) throws IOException {
    expect(args, 1, 1, "CATCHMENT");
    String note = options.has(label) ? checkLabel(options.valueOf(label)) : null;
    CatchmentLayout layout = Catchments.writable(env, args.get(0), "catchment key");
    CatchmentConfig config = CatchmentConfig.read(layout.config());
    Path file = config.readKeys(layout.root());
    if (file == null) {
      throw new DuckstringException(
          layout.config()
              + " sets no read_keys_file: add the line read_keys_file = \"keys\" to it, run this"
              + " again, then restart the daemon");
    }
    KeyFile.checkOutside(file, layout.ponds());
    String before =
        Files.exists(file)
            ? keep(file)
            : "# Bearer keys of catchment '"
                + config.name()
                + "': the SHA-256 of each, one a line, with a label ('duckstring catchment key'"
                + " adds one).\n";
    String key = KeyFile.newKey();
    Path target = options.has(out) ? env.resolve(options.valueOf(out)) : null;
    if (target != null) {
      writeNew(target, key + "\n");
    }
    try {
      AtomicFiles.writeStringOwnerOnly(file, before + KeyFile.line(key, note) + "\n");
    } catch (DuckstringException e) {
      if (target != null) {
        Files.deleteIfExists(target);
      }
      throw e;
    }
    String added =
        "added a key"
            + (note == null ? "" : " (" + note + ")")
            + " to "
            + file
            + "; a daemon already reading it accepts the key at once";
    if (target == null) {
      env.out().println(key);
      env.err().println(added + " (the key above is not shown again)");
    } else {
      env.out().println("wrote the new key to " + target + "; " + added);
    }
    return 0;
  }

  /** The current text of the key file, which must be well-formed and private already. */
  private static String keep(Path file) {
    KeyFile.read(file);
    String text = new String(FileReads.readAll(file), StandardCharsets.UTF_8);
    return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
  }

  private static String checkLabel(String l) {
    if (l.length() > MAX_LABEL || l.chars().anyMatch(Character::isISOControl)) {
      throw new DuckstringException(
          "--label must be one line of at most " + MAX_LABEL + " characters");
    }
    return l.strip().isEmpty() ? null : l.strip();
  }

  /** Creates {@code target} (0600), refusing to replace a file. */
  private static void writeNew(Path target, String text) throws IOException {
    try {
      Files.writeString(
          Files.createFile(
              target,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
          text);
    } catch (FileAlreadyExistsException e) {
      throw new DuckstringException("--out " + target + " exists; name a new file");
    } catch (IOException e) {
      throw new DuckstringException("--out " + target + ": cannot write: " + e.getMessage(), e);
    }
  }
}
