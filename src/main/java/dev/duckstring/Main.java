package dev.duckstring;

import dev.duckstring.cli.Cli;
import dev.duckstring.cli.Env;
import java.util.concurrent.atomic.AtomicBoolean;

/** Entry point: runs the CLI and exits with its code; Ctrl+C and SIGTERM stop a daemon cleanly. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Env env = Env.system();
    Shutdown hook = new Shutdown(env, Thread.currentThread());
    Runtime.getRuntime().addShutdownHook(new Thread(hook, "duckstring-shutdown"));
    int code = Cli.run(args, env);
    env.out().flush();
    hook.exiting.set(true);
    if (hook.signalled.get()) {
      Runtime.getRuntime()
          .halt(code); // the JVM is already shutting down (SIGTERM): exit() would block
    }
    System.exit(code); // runs shutdown hooks, so temporary files marked for deletion go
  }

  /**
   * What runs at SIGTERM or Ctrl+C: a foreground daemon is told to stop, and main gets 15 s to end.
   * A class, not a lambda: a command that uses none never starts the JVM's lambda machinery
   * (decision 59).
   */
  private static final class Shutdown implements Runnable {
    final AtomicBoolean exiting = new AtomicBoolean();
    final AtomicBoolean signalled = new AtomicBoolean();
    private final Env env;
    private final Thread main;

    Shutdown(Env env, Thread main) {
      this.env = env;
      this.main = main;
    }

    @Override
    public void run() {
      signalled.set(true);
      env.stop().countDown(); // a foreground daemon shuts down cleanly
      if (!exiting.get()) {
        try {
          main.join(15_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
