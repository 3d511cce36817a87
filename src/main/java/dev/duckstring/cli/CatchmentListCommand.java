package dev.duckstring.cli;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.DaemonLiveness;
import dev.duckstring.manifest.Registrations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import joptsimple.OptionSet;

/** {@code catchment list}: the registered Catchments and whether a live daemon serves each. */
final class CatchmentListCommand extends BaseCommand {
  @Override
  public String name() {
    return "catchment list";
  }

  @Override
  public String summary() {
    return "List registered Catchments with their root or URL and who serves them.";
  }

  @Override
  public String usage() {
    return "duckstring catchment list";
  }

  @Override
  int execute(OptionSet options, List<String> args, Env env) {
    expect(args, 0, 0, "no arguments");
    Registrations regs = Registrations.load(env.registrations());
    if (regs.entries().isEmpty()) {
      env.out()
          .println(
              "no catchments registered (start one with 'duckstring catchment start --name dev')");
      return 0;
    }
    List<List<String>> rows = new ArrayList<>();
    for (Registrations.Entry e : regs.entries().values()) {
      String served;
      if (e.isRemote()) {
        served =
            e.keyFile() == null ? "http (read-only)" : "http (read-only, key " + e.keyFile() + ")";
      } else {
        DaemonLiveness d = DaemonNotes.liveness(env, new CatchmentLayout(Path.of(e.path())));
        served =
            d.alive()
                ? d.describe()
                : "not running"
                    + (d.verdict() == DaemonLiveness.Verdict.NONE ? "" : ": " + d.describe());
      }
      rows.add(
          List.of(e.name(), e.path(), e.port() == null ? "-" : String.valueOf(e.port()), served));
    }
    TextTable.print(env.out(), List.of("NAME", "ROOT", "PORT", "DAEMON"), rows, true);
    return 0;
  }
}
