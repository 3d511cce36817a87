package dev.duckstring.daemon;

import dev.duckstring.catchment.GroupCommit;
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
   * Starts {@code engine}'s batch commit for the signals held so far: their claims are forced in
   * its first phase, before the demand they added and before any publish that follows (decision
   * 72); they are deleted once it has saved their demand, and held again when it could not.
   */
  void commit(EngineDriver engine) {
    List<SignalStore.Claimed> claimed = List.copyOf(held);
    held.clear();
    for (SignalStore.Claimed c : claimed) {
      engine.commit().files().force(GroupCommit.Phase.RECORDS, SignalStore.claimDirectory(c));
    }
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
