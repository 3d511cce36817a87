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
 * @param publishedCode the code that made the published data (null: unknown or nothing published)
 * @param codePending true when data is published and the line's code did not make it (a new version
 *     or a redeploy not run yet, or a code not known): its next run is a real run
 * @param held demand kept while the line is blocked, applied when it unblocks ({@code pull}, {@code
 *     push})
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
    Graph.Code publishedCode,
    boolean codePending,
    List<String> held,
    int onChangeBudget,
    int onChangeLeft) {}
