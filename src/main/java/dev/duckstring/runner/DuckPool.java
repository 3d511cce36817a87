package dev.duckstring.runner;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * In-memory DuckDBs kept between uses: one per use at a time, so each keeps its own memory limit,
 * and none is opened again while one waits (decision 70).
 */
final class DuckPool implements AutoCloseable {
  private final DuckDbOptions options;
  private final Deque<SharedDuck> idle = new ArrayDeque<>();

  DuckPool(DuckDbOptions options) {
    this.options = options;
  }

  /** A database no one else uses now: a kept one, or a new one (opened at its first use). */
  synchronized SharedDuck take() {
    SharedDuck kept = idle.pollFirst();
    return kept != null ? kept : new SharedDuck(options);
  }

  /** Keeps {@code duck} for the next {@link #take}. */
  synchronized void giveBack(SharedDuck duck) {
    idle.addFirst(duck);
  }

  /** How many databases wait to be taken. */
  synchronized int kept() {
    return idle.size();
  }

  /** Closes the waiting databases; a later {@link #take} opens a new one. */
  @Override
  public synchronized void close() {
    idle.forEach(SharedDuck::close);
    idle.clear();
  }
}
