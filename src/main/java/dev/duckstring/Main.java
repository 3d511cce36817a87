package dev.duckstring;

import dev.duckstring.cli.Cli;
import dev.duckstring.cli.Env;

/** Entry point: runs the CLI and exits with its code; Ctrl+C and SIGTERM stop a daemon cleanly. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Env env = Env.system();
    Thread main = Thread.currentThread();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  env.stop().countDown();
                  try {
                    main.join(15_000);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "duckstring-shutdown"));
    int code = Cli.run(args, env);
    env.out().flush();
    Runtime.getRuntime().halt(code);
  }
}
