package dev.duckstring.runner;

/**
 * Lets another thread stop a running Ripple or query: {@link #cancel()} interrupts the DuckDB
 * statement or stops the command's whole process group (its process tree where groups are not
 * supported), and the run then fails with "cancelled".
 */
public final class Cancellation {
  private Runnable hook;
  private boolean cancelled;

  /** A token that is not cancelled yet. */
  public Cancellation() {}

  /**
   * Cancels the work this token was given to (now, or as soon as it starts); idempotent. For a
   * command Ripple this call waits up to a few seconds for the process group to die.
   */
  public void cancel() {
    Runnable h;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      h = hook;
    }
    if (h != null) {
      h.run();
    }
  }

  /** True once {@link #cancel()} was called. */
  public synchronized boolean isCancelled() {
    return cancelled;
  }

  /** Sets what {@link #cancel()} does; runs it at once if already cancelled. */
  void onCancel(Runnable action) {
    boolean runNow;
    synchronized (this) {
      hook = action;
      runNow = cancelled;
    }
    if (runNow) {
      action.run();
    }
  }

  /** Forgets the action set by {@link #onCancel}, once the work it stops has ended. */
  synchronized void clear() {
    hook = null;
  }
}
