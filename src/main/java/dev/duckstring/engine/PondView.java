package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.Trigger;
import java.time.Instant;
import java.util.List;

/**
 * What status shows of a line, as the engine sees it; the daemon maps it to the status record.
 * Instants are null for NEVER.
 *
 * @param targets outstanding push targets, ascending
 * @param runsInFlight Pond Runs started and not yet complete
 * @param onChangeBudget the on-change retry budget ({@link Event.Budget})
 * @param onChangeLeft on-change retries left in the current failure (the budget when none)
 */
public record PondView(
    LineId line,
    LineState state,
    boolean hasPull,
    List<Instant> targets,
    Instant startF,
    Instant endF,
    Instant changedF,
    int runsInFlight,
    long runsCompleted,
    Trigger trigger,
    String error,
    List<LineId> missingSources,
    List<LineId> blockedBy,
    int onChangeBudget,
    int onChangeLeft) {}
