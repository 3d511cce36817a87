package dev.duckstring.fs;

/**
 * A check that runs before every write a thread makes through {@link AtomicFiles} (and before each
 * {@code events.log} line): the daemon installs its lease check on its own threads, so a daemon
 * whose lease was taken over cannot rename one more file into the root. Threads the daemon starts
 * inherit it; other threads of the same JVM (an in-process CLI) are not fenced.
 */
public final class WriteFence {
  private static final InheritableThreadLocal<Runnable> CHECK = new InheritableThreadLocal<>();

  private WriteFence() {}

  /**
   * Fences this thread and the threads it starts from now on with {@code check}, which throws to
   * refuse.
   */
  public static void install(Runnable check) {
    CHECK.set(check);
  }

  /** Removes this thread's fence. */
  public static void remove() {
    CHECK.remove();
  }

  /** Runs this thread's check, if any: throws when the write must not happen. */
  public static void check() {
    Runnable c = CHECK.get();
    if (c != null) {
      c.run();
    }
  }
}
