package dev.duckstring.catchment;

import dev.duckstring.model.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Whether the daemon named by the lease files still serves the root, judged from the files alone,
 * as {@code status}, {@code catchment list} and the signal verbs tell it (docs/decisions.md §37):
 * on this host its pid must be alive (and not a reused pid); on another host its heartbeat must be
 * younger than the takeover bound {@link Lease#STALE_AFTER}.
 */
public record DaemonLiveness(Verdict verdict, Lease.Holder holder, Instant now) {
  /** A started process may be older than its lease by this much: clock ticks and truncation. */
  static final Duration START_SLACK = Duration.ofSeconds(5);

  /** What the lease files say of the daemon. */
  public enum Verdict {
    /** The holder serves the root. */
    ALIVE,
    /** The holder died without giving the lease back (its pid is dead, or its heartbeat stale). */
    GONE,
    /** The holder gave the lease back at a clean stop. */
    STOPPED,
    /** No lease file, or none that can be read: no daemon served the root, or nobody can tell. */
    NONE;

    /** The lower-case word JSON shows. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** This host as the judge sees it: its name, our pid, and the start instant of a live pid. */
  public record Here(String host, long pid, LongFunction<Optional<Instant>> liveProcessStart) {
    /** The real host and process table. */
    public static Here local() {
      return new Here(
          Lease.hostName(),
          ProcessHandle.current().pid(),
          pid ->
              ProcessHandle.of(pid)
                  .filter(ProcessHandle::isAlive)
                  .map(h -> h.info().startInstant().orElse(Instant.MIN))); // MIN: cannot tell
    }
  }

  /** The daemon of {@code layout}'s root at {@code now}, judged on this host. */
  public static DaemonLiveness of(CatchmentLayout layout, Instant now) {
    LeaseFiles.Generation top = LeaseFiles.highest(layout);
    Lease.Holder holder = top == null ? null : top.holder();
    // Only a holder that has not stopped is judged against this host (a name lookup, decision 59).
    return judge(holder, now, holder == null || holder.stopped() ? null : Here.local());
  }

  static DaemonLiveness of(CatchmentLayout layout, Instant now, Here here) {
    LeaseFiles.Generation top = LeaseFiles.highest(layout);
    return judge(top == null ? null : top.holder(), now, here);
  }

  /** The verdict on the holder of the highest lease file ({@code null}: none, or unreadable). */
  static DaemonLiveness judge(Lease.Holder holder, Instant now, Here here) {
    if (holder == null) {
      return new DaemonLiveness(Verdict.NONE, null, now);
    }
    if (holder.stopped()) {
      return new DaemonLiveness(Verdict.STOPPED, holder, now);
    }
    boolean alive;
    if (holder.host().equals(here.host())) {
      Optional<Instant> start = here.liveProcessStart().apply(holder.pid());
      // A pid whose process started after the lease was taken is another process reusing it.
      alive =
          start.isPresent()
              && (holder.started() == null
                  || !start.get().isAfter(holder.started().plus(START_SLACK)));
    } else {
      alive = holder.heartbeat() != null && holder.heartbeat().plus(Lease.STALE_AFTER).isAfter(now);
    }
    return new DaemonLiveness(alive ? Verdict.ALIVE : Verdict.GONE, holder, now);
  }

  /**
   * The object {@code status --json} adds to each line as {@code daemon}: {@code alive}, the {@code
   * state} word and the holder's {@code host}, {@code pid} and last {@code heartbeat} (nulls when
   * unknown).
   */
  public record View(boolean alive, String state, String host, Long pid, Instant heartbeat) {
    /** A daemon that answered over HTTP: alive, the rest unknown to the client. */
    public static View answeredOverHttp() {
      return new View(true, Verdict.ALIVE.word(), null, null, null);
    }
  }

  /** This verdict as {@code status --json} shows it. */
  public View view() {
    return holder == null
        ? new View(alive(), verdict.word(), null, null, null)
        : new View(alive(), verdict.word(), holder.host(), holder.pid(), holder.heartbeat());
  }

  /** True when a daemon serves the root: signals dropped now are taken at once. */
  public boolean alive() {
    return verdict == Verdict.ALIVE;
  }

  /** The holder's last heartbeat's age at {@code now}, or null when unknown. */
  public Duration heartbeatAge() {
    return holder == null || holder.heartbeat() == null
        ? null
        : Duration.between(holder.heartbeat(), now);
  }

  /**
   * The daemon in a few words: {@code pid 1234 on host1}; {@code pid 1234 on host1 is gone (last
   * heartbeat 3m05s ago)}; {@code stopped cleanly (last heartbeat 3m05s ago)}; {@code no lease
   * file}.
   */
  public String describe() {
    return switch (verdict) {
      case ALIVE -> who();
      case GONE -> who() + " is gone (" + lastHeartbeat() + ")";
      case STOPPED -> "stopped cleanly (" + lastHeartbeat() + ")";
      case NONE -> "no lease file";
    };
  }

  private String who() {
    return "pid " + holder.pid() + " on " + holder.host();
  }

  private String lastHeartbeat() {
    Duration age = heartbeatAge();
    return age == null
        ? "no heartbeat"
        : "last heartbeat " + Durations.human(age.isNegative() ? Duration.ZERO : age) + " ago";
  }
}
