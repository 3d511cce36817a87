package dev.duckstring.daemon;

import dev.duckstring.catchment.SignalStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Applied signals whose demand is not saved in state.json yet (decisions 58, 61): each stays
 * claimed, and is applied again after a crash, until a group commit has saved its demand; then it
 * is deleted. On a full disk that is a later commit.
 */
final class UnsavedSignals {
  private final SignalStore store;
  private final List<SignalStore.Claimed> held = new ArrayList<>();

  UnsavedSignals(SignalStore store) {
    this.store = store;
  }

  /** Holds {@code c}, applied, until a commit saves its demand. */
  void add(SignalStore.Claimed c) {
    held.add(c);
  }

  /**
   * Starts {@code engine}'s batch commit for the signals held so far: they are deleted once it has
   * saved their demand, and held again for the next commit when it could not.
   */
  void commit(EngineDriver engine) {
    List<SignalStore.Claimed> claimed = List.copyOf(held);
    held.clear();
    engine.persistAll(
        saved -> {
          if (saved) {
            claimed.forEach(store::done);
          } else {
            held.addAll(0, claimed);
          }
        });
  }
}
