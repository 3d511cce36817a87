package dev.duckstring;

import dev.duckstring.cli.Cli;
import dev.duckstring.cli.Env;
import java.util.concurrent.atomic.AtomicBoolean;

/** Entry point: runs the CLI and exits with its code; Ctrl+C and SIGTERM stop a daemon cleanly. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Env env = Env.system();
    Thread main = Thread.currentThread();
    AtomicBoolean exiting = new AtomicBoolean();
    AtomicBoolean signalled = new AtomicBoolean();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  signalled.set(true);
                  env.stop().countDown(); // a foreground daemon shuts down cleanly
                  if (!exiting.get()) {
                    try {
                      main.join(15_000);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                },
                "duckstring-shutdown"));
    int code = Cli.run(args, env);
    env.out().flush();
    exiting.set(true);
    if (signalled.get()) {
      Runtime.getRuntime()
          .halt(code); // the JVM is already shutting down (SIGTERM): exit() would block
    }
    System.exit(code); // runs shutdown hooks, so temporary files marked for deletion go
  }
}
