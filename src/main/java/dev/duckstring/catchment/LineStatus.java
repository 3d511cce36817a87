package dev.duckstring.catchment;

import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * status.json of one line, written by the daemon after every change; read by status and HTTP. The
 * one status record: {@code status --json}, {@code /api/status} and {@code /api/ponds/{p}} show it
 * as written. Freshness instants are null for NEVER. Build one with {@link #of} and the {@code
 * with} copies.
 *
 * <p>{@code version} is the deployed version the line runs; {@code publishedVersion} is the version
 * whose code made the published data (null when nothing is published, or when it is not known: a
 * state from an older build, or a status.json written before issue 10), and {@code codePending} is
 * true while the deployed code (a new version, or a redeploy with other files) has not made it yet.
 * {@code deprecated} is the message of a deprecated major (decision 47), else null; with yanked
 * versions (decision 45), {@code version} is the highest one not yanked, or null when all are.
 */
public record LineStatus(
    String line,
    String pond,
    int major,
    String version,
    List<String> versions,
    List<String> sources,
    LineState state,
    boolean hasPull,
    List<Instant> targets,
    Instant startF,
    Instant endF,
    Instant changedF,
    int runsInFlight,
    long runsCompleted,
    String trigger,
    String error,
    List<String> missingSources,
    List<String> blockedBy,
    LastRun lastRun,
    Instant updatedAt,
    String publishedVersion,
    boolean codePending,
    List<String> held,
    Retries retries,
    List<Receipt> received,
    String deprecated,
    List<String> yanked,
    ContractStatus contract) {

  /**
   * A signal the daemon applied to the line ({@code file}: the name it was dropped under, {@code
   * at}: when the daemon took it, on its own clock) and the run it caused: {@code run} is the run
   * id once one started, {@code outcome} null while waiting, else how it ended (a run outcome word,
   * or the state that stopped it from running: {@code blocked}, {@code failed}, {@code killed}).
   * See decision 38.
   */
  public record Receipt(String file, String kind, Instant at, String run, String outcome) {
    /** True once the wait for this signal is over. */
    public boolean ended() {
      return outcome != null;
    }
  }

  /** The latest run of the line as one line of status; {@code tests}: its data tests, or null. */
  public record LastRun(
      String id, RunOutcome outcome, Instant started, Instant ended, TestSummary tests) {
    /** The status line of {@code run}, or null when there is none. */
    public static LastRun of(RunRecord run) {
      return run == null
          ? null
          : new LastRun(
              run.id(), run.state(), run.started(), run.ended(), TestSummary.of(run.tests()));
    }
  }

  /**
   * The retry budget in effect ({@code override}: the operator's budget file, relative to the root,
   * when one sets it) and what is left: of the running run's immediate attempts, and of the
   * on-change runs of the current failure (the whole budget when none).
   */
  public record Retries(
      int immediate, int immediateLeft, int onChange, int onChangeLeft, String override) {
    /** How status prints it: {@code immediate 1/2, on change 2/2} (left/budget). */
    public String text() {
      return String.format(
          "immediate %d/%d, on change %d/%d", immediateLeft, immediate, onChangeLeft, onChange);
    }
  }

  /**
   * {@code line} running {@code version} (of the deployed {@code versions}) with {@code sources}
   * ("pond spec"): idle, never fresh, no demand, runs, trigger or error yet.
   */
  public static LineStatus of(
      LineId line, String version, List<String> versions, List<String> sources) {
    return new LineStatus(
        line.toString(),
        line.pond(),
        line.major(),
        version,
        versions,
        sources,
        LineState.IDLE,
        false,
        List.of(),
        null,
        null,
        null,
        0,
        0,
        null,
        null,
        List.of(),
        List.of(),
        null,
        null,
        null,
        false,
        List.of(),
        null,
        List.of(),
        null,
        List.of(),
        null);
  }

  /** This status in {@code state}. */
  public LineStatus withState(LineState state) {
    return with(d -> d.state = state);
  }

  /** This status with {@code error}, why it failed or is blocked (null: none). */
  public LineStatus withError(String error) {
    return with(d -> d.error = error);
  }

  /** This status holding a pull ({@code hasPull}) and push {@code targets}. */
  public LineStatus withDemand(boolean hasPull, List<Instant> targets) {
    return with(
        d -> {
          d.hasPull = hasPull;
          d.targets = targets;
        });
  }

  /** This status with freshness {@code startF}, {@code endF} and {@code changedF}. */
  public LineStatus withFreshness(Instant startF, Instant endF, Instant changedF) {
    return with(
        d -> {
          d.startF = startF;
          d.endF = endF;
          d.changedF = changedF;
        });
  }

  /** This status with runs in flight and completed, and the newest run. */
  public LineStatus withRuns(int runsInFlight, long runsCompleted, LastRun lastRun) {
    return with(
        d -> {
          d.runsInFlight = runsInFlight;
          d.runsCompleted = runsCompleted;
          d.lastRun = lastRun;
        });
  }

  /** This status with the standing trigger as status shows it (null: none). */
  public LineStatus withTrigger(String trigger) {
    return with(d -> d.trigger = trigger);
  }

  /** This status with the Sources that are missing and the required ones blocking it. */
  public LineStatus withBlocks(List<String> missingSources, List<String> blockedBy) {
    return with(
        d -> {
          d.missingSources = missingSources;
          d.blockedBy = blockedBy;
        });
  }

  /**
   * This status with the version whose code made the published data (null: none or unknown) and
   * whether the deployed code has yet to make it ({@code codePending}).
   */
  public LineStatus withCode(String publishedVersion, boolean codePending) {
    return with(
        d -> {
          d.publishedVersion = publishedVersion;
          d.codePending = codePending;
        });
  }

  /**
   * The version as status shows it: the version whose code made the published data, and, when the
   * deployed code has not made it yet, which code is pending: {@code 0.1.0 (0.2.0 pending)}, {@code
   * 0.1.0 (redeploy pending)}, or {@code ? (0.2.0 pending)} when the maker is not known; yanked
   * versions are added: {@code 1.0.0 (1.1.0 yanked)}, {@code - (1.0.0, 1.1.0 yanked)} when every
   * version of the major is.
   */
  public String versionShown() {
    List<String> notes = new ArrayList<>();
    String shown = version == null ? "-" : version;
    if (codePending) {
      notes.add((Objects.equals(version, publishedVersion) ? "redeploy" : shown) + " pending");
      shown = publishedVersion == null ? "?" : publishedVersion;
    }
    if (!yankedVersions().isEmpty()) {
      notes.add(String.join(", ", yankedVersions()) + " yanked");
    }
    return notes.isEmpty() ? shown : shown + " (" + String.join(", ", notes) + ")";
  }

  /** This status with the yanked versions of its major (decision 45: see {@code version}). */
  public LineStatus withYanked(List<String> yanked) {
    return with(d -> d.yanked = yanked);
  }

  /** The yanked versions of the line's major (never null; a file from an older build has none). */
  public List<String> yankedVersions() {
    return yanked == null ? List.of() : yanked;
  }

  /**
   * This status holding {@code held} demand ({@code pull}, {@code push}): kept while the line is
   * blocked, applied when it unblocks.
   */
  public LineStatus withHeld(List<String> held) {
    return with(d -> d.held = held);
  }

  /** Demand held while blocked (never null; a file from an older build has none). */
  public List<String> heldDemand() {
    return held == null ? List.of() : held;
  }

  /** This status with its retry budget and what is left of it. */
  public LineStatus withRetries(Retries retries) {
    return with(d -> d.retries = retries);
  }

  /** This status with the signals it received lately and the runs they caused. */
  public LineStatus withReceived(List<Receipt> received) {
    return with(d -> d.received = received);
  }

  /** The signals received lately (never null; a file from an older build has none). */
  public List<Receipt> receipts() {
    return received == null ? List.of() : received;
  }

  /**
   * This status with the deprecation message of the version the line runs (pond.toml's {@code
   * [pond] deprecated}; null: not deprecated).
   */
  public LineStatus withDeprecated(String deprecated) {
    return with(d -> d.deprecated = deprecated);
  }

  /** This status with its schema contract (decision 44; null: none shown). */
  public LineStatus withContract(ContractStatus contract) {
    return with(d -> d.contract = contract);
  }

  /** This status as of {@code updatedAt}. */
  public LineStatus withUpdatedAt(Instant updatedAt) {
    return with(d -> d.updatedAt = updatedAt);
  }

  private LineStatus with(Consumer<LineStatusDraft> change) {
    LineStatusDraft d = new LineStatusDraft(this);
    change.accept(d);
    return d.build();
  }

  /**
   * True when status without --all shows this line: running or holding demand or failed, or with an
   * error to show (a bad trigger file).
   */
  public boolean isActive() {
    return runsInFlight > 0
        || hasPull
        || !targets.isEmpty()
        || trigger != null
        || state != LineState.IDLE
        || error != null
        || !heldDemand().isEmpty();
  }

  /** Seconds since the line's data was fresh at {@code now}, or null when it never was. */
  public Double stalenessSeconds(Instant now) {
    return endF == null ? null : Duration.between(endF, now).toMillis() / 1000.0;
  }
}
