package dev.duckstring.cli;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Skeleton;
import dev.duckstring.daemon.Daemon;
import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.manifest.CatchmentConfig;
import dev.duckstring.manifest.Registrations;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code catchment start}: create or reopen a root, register it, run the daemon in the foreground.
 */
final class CatchmentStartCommand extends BaseCommand {
  private final OptionSpec<String> name =
      parser
          .accepts("name", "the Catchment's name (default: dev)")
          .withRequiredArg()
          .describedAs("NAME");
  private final OptionSpec<Integer> port =
      parser
          .accepts("port", "port of the read-only HTTP view (default: 5000)")
          .withRequiredArg()
          .ofType(Integer.class);
  private final OptionSpec<String> root =
      parser
          .accepts("root", "the root directory (default: ~/.duckstring/NAME)")
          .withRequiredArg()
          .describedAs("DIR");
  private final OptionSpec<Void> insecure =
      parser.accepts(
          "insecure",
          "serve a 'bind' other than loopback without keys (read_keys_file): anyone who can reach"
              + " the port reads every Pond's data");

  @Override
  public String name() {
    return "catchment start";
  }

  @Override
  public String summary() {
    return "Create (the first time) or reopen a Catchment root, register it, and run its daemon until"
        + " Ctrl+C.";
  }

  @Override
  public String usage() {
    return "duckstring catchment start [--name NAME] [--port PORT] [--root DIR] [--insecure]";
  }

  @Override
  int execute(OptionSet options, List<String> args, Env env) throws Exception {
    expect(args, 0, 0, "no arguments");
    Registrations regs = Registrations.load(env.registrations());
    String n = options.has(name) ? options.valueOf(name) : Prompt.ask(env, "Catchment name", "dev");
    Names.check("catchment", n);
    Optional<Registrations.Entry> known =
        Optional.ofNullable(regs.entries().get(n)).filter(e -> !e.isRemote());
    Path dir;
    if (options.has(root)) {
      dir = env.resolve(options.valueOf(root));
    } else if (known.isPresent()) {
      dir = Path.of(known.get().path());
    } else {
      dir = env.resolve(Prompt.ask(env, "Root directory", "~/.duckstring/" + n));
    }
    CatchmentLayout layout = new CatchmentLayout(dir);
    CatchmentConfig config;
    boolean created = false;
    boolean portChanged = false;
    if (Files.isRegularFile(layout.config())) {
      config = CatchmentConfig.read(layout.config());
      if (!config.name().equals(n)) {
        throw new DuckstringException(
            layout.config()
                + ": this root belongs to catchment '"
                + config.name()
                + "', not '"
                + n
                + "'");
      }
      checkExposure(env, config, layout, options.has(insecure));
      if (options.has(port) && options.valueOf(port) != config.port()) {
        config = config.withPort(options.valueOf(port));
        portChanged = true;
      }
    } else {
      int p =
          options.has(port)
              ? options.valueOf(port)
              : Integer.parseInt(
                  Prompt.ask(env, "Port", String.valueOf(CatchmentConfig.DEFAULT_PORT)));
      config = CatchmentConfig.defaults(n, p);
      checkEmptyOrAbsent(dir);
      Skeleton.create(layout, config.toToml());
      env.out().println("created catchment '" + n + "' at " + dir);
      created = true;
    }
    if (created) {
      // A new root cannot be held by another daemon: register it before the lease file appears.
      register(env, regs, n, dir, config.port());
    }
    try (Daemon daemon = new Daemon(layout, config, env.clock())) {
      daemon.start();
      if (!created) {
        // Only with the lease held: a start refused because another daemon serves the root, or
        // whose port is in use, changes no file (neither catchment.toml nor the registration).
        if (portChanged) {
          AtomicFiles.writeString(layout.config(), config.toToml());
        }
        register(env, regs, n, dir, config.port());
      }
      env.out()
          .println(
              "catchment '"
                  + n
                  + "' running at "
                  + dir
                  + " (port "
                  + daemon.httpPort()
                  + "); Ctrl+C to stop");
      env.out().flush();
      String problem = null;
      String alertProblem = null;
      do {
        // Writes that fail (a full disk) are reported once when they start failing and once when
        // they work again; the daemon keeps running and retries them.
        String now = daemon.writeProblem();
        if (!Objects.equals(now, problem)) {
          env.out().println(now == null ? "writes work again" : "warning: " + now + " (retrying)");
          env.out().flush();
          problem = now;
        }
        // A refused edit of the alert rules: the rules before it stay in force.
        String alerts = daemon.alertProblem();
        if (!Objects.equals(alerts, alertProblem)) {
          env.out()
              .println(
                  alerts == null
                      ? "alert rules read again"
                      : "warning: " + alerts + " (the alert rules before it stay in force)");
          env.out().flush();
          alertProblem = alerts;
        }
        if (daemon.isStopped()) {
          throw new DuckstringException(
              "the daemon of '"
                  + n
                  + "' stopped: "
                  + daemon.failure()
                  + " (see "
                  + layout.eventsLog()
                  + ")");
        }
      } while (!env.stop().await(1, TimeUnit.SECONDS));
      env.out().println("stopping catchment '" + n + "'");
    }
    return 0;
  }

  /**
   * Refuses a view bound beyond loopback without keys, unless {@code insecure}; then it warns on
   * stderr.
   */
  private static void checkExposure(
      Env env, CatchmentConfig config, CatchmentLayout layout, boolean insecure) {
    if (config.bindsLoopback() || config.readKeysFile() != null) {
      return;
    }
    if (!insecure) {
      throw new DuckstringException(
          layout.config()
              + ": bind = \""
              + config.bind()
              + "\" serves the view beyond this machine without keys; set read_keys_file (see"
              + " 'duckstring catchment key --help'), bind to 127.0.0.1, or pass --insecure");
    }
    env.err()
        .println(
            "warning: --insecure: the view on "
                + config.bind()
                + " has no keys; anyone who can reach its port reads every Pond's data");
  }

  /** Registers {@code n} unless it is registered so already; a failed write only warns. */
  private static void register(Env env, Registrations regs, String n, Path dir, int port) {
    Registrations.Entry want = new Registrations.Entry(n, dir.toString(), port);
    if (want.equals(regs.entries().get(n))) {
      return;
    }
    try {
      regs.put(n, dir.toString(), port);
    } catch (DuckstringException e) {
      // A full disk under the home directory must not keep the Catchment from running.
      env.err()
          .println("warning: " + e.getMessage() + " (catchment '" + n + "' is not registered)");
    }
  }

  private static void checkEmptyOrAbsent(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (var s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new DuckstringException(
              dir
                  + " is not empty and has no catchment.toml; pick an empty or new directory for the root");
        }
      }
    } else if (Files.exists(dir)) {
      throw new DuckstringException(dir + " exists and is not a directory");
    }
  }
}
