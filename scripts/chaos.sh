#!/usr/bin/env bash
# Chaos test of a Catchment root (issue 8): kill -9 the daemon at random points of waves and
# publishes while a writer drops uniquely named signals, race two daemons over a stale lock, and
# fill the disk under a running daemon. Every daemon is a real process started with bin/duckstring.
#
# Usage: scripts/chaos.sh [--rounds N] [--races N] [--quick] [--no-full-disk] [--race-runner R] [--keep]
#   --rounds N      kill -9 rounds (default 30)
#   --races N       lease races (default 200)
#   --quick         a smoke run: 6 rounds, 10 races (below the issue's bar; the summary says so)
#   --no-full-disk  skip the full-filesystem section
#   --race-runner auto|java|daemons
#                   java: the races run in dev.duckstring.catchment.LeaseRaces (fast), plus 10 as
#                   daemons; daemons: every race starts two bin/duckstring daemons; auto (default):
#                   java when that class is built
#   --keep          keep the work directory even when everything passed
# Run 'make build' first ('make chaos' does both). Exits 1 on any violation, 2 on bad usage.
# What each check proves: docs/testing.md.
set -euo pipefail

rounds=30
races=200
full_disk=1
keep=0
race_runner=auto
while (($#)); do
  case "$1" in
    --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
    --races) races=${2:?--races needs a number}; shift 2 ;;
    --quick) rounds=6; races=10; shift ;;
    --no-full-disk) full_disk=0; shift ;;
    --race-runner) race_runner=${2:?--race-runner needs auto, java or daemons}; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "chaos: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ $rounds =~ ^[0-9]+$ && $races =~ ^[0-9]+$ ]] || { echo "chaos: --rounds and --races take numbers" >&2; exit 2; }
[[ $race_runner =~ ^(auto|java|daemons)$ ]] || { echo "chaos: --race-runner takes auto, java or daemons" >&2; exit 2; }

here=$(cd "$(dirname "$0")/.." && pwd)
ds="$here/bin/duckstring"
[[ -f "$here/target/duckstring.jar" && -d "$here/target/test-classes/dev/duckstring/testing" ]] ||
  { echo "chaos: run 'make build' first (needs target/duckstring.jar and target/test-classes)" >&2; exit 2; }
for tool in java split seq dd find; do
  command -v "$tool" >/dev/null || { echo "chaos: '$tool' is missing" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/duckstring-chaos.XXXXXX")
export DUCKSTRING_HOME="$work/home"       # keep the registrations out of ~/.duckstring
# Every daemon started here carries this variable, and so do the Ripple processes it starts: it is
# how leftover processes (orphans) are found and stopped, by pid, without matching on names.
mark="chaos-$$-$RANDOM$RANDOM"
root="$work/root"
violations=()
writer_pid=""
mounted=""

say() { printf 'chaos: %s\n' "$*"; }
violation() { violations+=("$*"); printf 'chaos: VIOLATION: %s\n' "$*"; }
check() { java -cp "$here/target/test-classes:$here/target/classes:$here/target/lib/*" dev.duckstring.testing.ChaosCheck "$@"; }
# field KEY: the number after KEY= on the verifier's last line ("result a=1 b=2"); 0 if absent.
field() { local v; v=$(sed -n "s/^result.* $1=\([0-9]*\).*/\1/p" | head -1); echo "${v:-0}"; }

# verify_generations LABEL ROOT INODES: the torn/rewritten check; adds to $torn and $rewritten.
verify_generations() {
  local out
  if ! out=$(check generations "$2" "$3" "${expect[@]}" 2>&1) || ! grep -q '^result' <<<"$out"; then
    violation "$1: the verifier failed: $(tail -3 <<<"$out")"
    return 1
  fi
  grep -v '^result' <<<"$out" | sed "s/^/chaos: $1: /" || true
  torn=$((torn + $(field torn <<<"$out")))
  rewritten=$((rewritten + $(field rewritten <<<"$out")))
  last_result=$(grep '^result' <<<"$out")
}

# A process is alive if it exists and is not a zombie (an exited child not yet waited for).
alive() {
  local s
  s=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [[ -n $s && $s != Z ]]
}

# has_mark PID: 0 when the live process PID carries this run's mark. A pid alone names a process
# only until it is reaped: pids wrap (at 32768 on many machines), and a daemon's old pid may be
# another program's by the end of the run.
has_mark() {
  # grep reads the NUL-separated file itself: a pipe into 'grep -q' may end with SIGPIPE, which
  # pipefail would turn into a miss.
  grep -qsxz "CHAOS_MARK=$mark" "/proc/$1/environ" && alive "$1"
}

# Pids of every live process carrying this run's mark: daemons and the Ripples they started.
marked() {
  local e p
  for e in /proc/[0-9]*/environ; do
    p=${e#/proc/}; p=${p%/environ}
    [[ $p == "$$" || $p == "$BASHPID" ]] && continue
    if has_mark "$p"; then
      echo "$p"
    fi
  done
  return 0
}

cleanup() {
  local rc=$?
  set +e
  [[ -n $writer_pid ]] && kill "$writer_pid" 2>/dev/null && wait "$writer_pid" 2>/dev/null
  # by mark, never by a daemon's pid alone: most were reaped long ago and may be reused
  for p in $(marked); do kill -9 "$p" 2>/dev/null; done
  wait 2>/dev/null
  if [[ -n $mounted ]]; then
    umount "$mounted" 2>/dev/null || umount -l "$mounted" 2>/dev/null || echo "chaos: could not unmount $mounted" >&2
  fi
  if ((rc == 0 && keep == 0)); then
    rm -rf "$work"
  else
    echo "chaos: files left in $work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

extra_java_opts=""
# start_daemon NAME ROOT LOG: starts a daemon in the background; its pid is left in $dpid.
start_daemon() {
  # Emptied here, before the fork: the child's own redirection may come after the caller's first
  # look at the log, which would then see the last daemon's 'running at' line (a race of two
  # daemons once counted a stale line as a second winner).
  : >"$3"
  DUCKSTRING_JAVA_OPTS="${DUCKSTRING_JAVA_OPTS:-} $extra_java_opts" CHAOS_MARK=$mark "$ds" catchment start --name "$1" --root "$2" --port 0 >>"$3" 2>&1 &
  dpid=$!
}

# wait_ready PID LOG SECONDS: 0 once the daemon printed its "running at" line, 1 if it died or
# did not get there in time.
wait_ready() {
  local deadline=$((SECONDS + $3))
  while ((SECONDS < deadline)); do
    grep -q ' running at ' "$2" 2>/dev/null && return 0
    alive "$1" || return 1
    sleep 0.05
  done
  return 1
}

# stop_daemon PID: SIGTERM and wait; the exit code is left in $stop_rc.
stop_daemon() {
  stop_rc=0
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || stop_rc=$?
}

kill9() {
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# events_after FROM_BYTE: what was appended to events.log (of $evroot) after byte FROM_BYTE. When
# events.log is now shorter, it rotated meanwhile (docs/protocol.md): the rest of events.log.1,
# then all of events.log (one rotation at most: at the default 64MB, far more than a wait appends).
events_after() {
  if (($(size_of "$evroot/events.log") >= $1)); then
    tail -c +"$(($1 + 1))" "$evroot/events.log" 2>/dev/null
  else
    tail -c +"$(($1 + 1))" "$evroot/events.log.1" 2>/dev/null
    cat "$evroot/events.log" 2>/dev/null
  fi
}

# wait_event FROM_BYTE LINE SECONDS: waits for run_published or run_passed of LINE appended to
# events.log (of $evroot) after byte FROM_BYTE; 1 on timeout. A run_failed does not end the wait:
# after a full disk, a failed run is followed by its retry.
wait_event() {
  local deadline=$((SECONDS + $3)) tail_text
  while ((SECONDS < deadline)); do
    tail_text=$(events_after "$1" | grep "\"line\":\"$2\"" || true)
    grep -qE '"event":"run_(published|passed)"' <<<"$tail_text" && return 0
    sleep 0.2
  done
  return 1
}
size_of() { stat -c %s "$1" 2>/dev/null || echo 0; }
pending_files() {
  find "$1"/ponds/*/signals -maxdepth 2 -type f ! -name '.*' ! -path '*/rejected/*' 2>/dev/null | wc -l
}

# ---------------------------------------------------------------------------------------------
# Ponds: the three demo Ponds, and 'bulk', whose command Ripple writes 20,000 files, so that a
# publish (hard-linking the files into a new generation) has a long window to be killed in.
make_ponds() {
  local p
  for p in inlet pond outlet; do
    mkdir -p "$work/src/$p"
    (cd "$work/src/$p" && "$ds" pond demo "$p" >/dev/null)
  done
  mkdir -p "$work/src/bulk"
  cat >"$work/src/bulk/pond.toml" <<'EOF'
# Chaos: a Pond whose one Ripple writes 20,000 files, so its publish window is long.
[pond]
name = "bulk"
version = "1.0.0"
type = "outlet"

[sources]
inlet = "1.0.0"

[ripples.many]
command = ["sh", "many.sh"]
EOF
  cat >"$work/src/bulk/many.sh" <<'EOF'
#!/bin/sh
# 20,000 small files under files/, then count.txt: the verifier checks the published count.
set -eu
mkdir "$DUCKSTRING_OUT/files"
seq 20000 | split -l 1 -a 5 - "$DUCKSTRING_OUT/files/f"
echo 20000 >"$DUCKSTRING_OUT/count.txt"
EOF
  chmod +x "$work/src/bulk/many.sh"
}
expect=(inlet=orders,customers pond=sales,regions outlet=daily,report bulk=many)

deploy_all() { # NAME PONDS...
  local name=$1 p
  shift
  for p in "$@"; do
    (cd "$work/src/$p" && "$ds" deploy "$name" >/dev/null) || violation "deploy of $p to $name failed"
  done
}

# The writer drops uniquely named tap/pulse signals, with a plain create of an empty file (what
# 'touch' does), and records each name only after it exists. It runs across kills and restarts.
writer() {
  local n=0 ponds=(inlet pond outlet bulk) kinds=(tap tap pulse) p k
  while [[ ! -e "$work/stop-writer" ]]; do
    n=$((n + 1))
    p=${ponds[RANDOM % 4]}
    k=${kinds[RANDOM % 3]}
    : >"$root/ponds/$p/signals/$k.chaos-$n" && echo "$p $k.chaos-$n" >>"$work/dropped.txt"
    sleep "0.$((RANDOM % 4 + 1))"
  done
}

# ---------------------------------------------------------------------------------------------
last_result=""
settled=0 pending=0
kills=0 torn=0 rewritten=0 lost=0 doubled=0 leftovers=0 orphans=0 dropped=0 restart_failures=0

section_kills() {
  say "kill -9 section: $rounds rounds on $root"
  make_ponds
  start_daemon chaos "$root" "$work/daemon-0.log"
  wait_ready "$dpid" "$work/daemon-0.log" 120 || { cat "$work/daemon-0.log"; violation "the first daemon did not start"; return; }
  deploy_all chaos inlet pond outlet bulk
  "$ds" wave chaos outlet >/dev/null
  "$ds" wave chaos bulk >/dev/null
  mkdir -p "$root"/ponds/{inlet,pond,outlet,bulk}/signals
  : >"$work/dropped.txt"
  writer &
  writer_pid=$!
  local k log out how
  local failed_in_a_row=0
  for ((k = 1; k <= rounds; k++)); do
    if ((k > 1)); then
      log="$work/daemon-$k.log"
      start_daemon chaos "$root" "$log"
      if ! wait_ready "$dpid" "$log" 120; then
        restart_failures=$((restart_failures + 1))
        violation "round $k: the daemon did not come back after a kill: $(tail -1 "$log")"
        kill9 "$dpid"
        failed_in_a_row=$((failed_in_a_row + 1))
        if ((failed_in_a_row >= 3)); then
          violation "the root did not start 3 times in a row: the kill rounds stop here"
          break
        fi
        sleep 2
        continue
      fi
    fi
    failed_in_a_row=0
    case $((k % 3)) in
      0) how="during the restart's recovery"; sleep "0.$((RANDOM % 10))" ;;
      1) how="at a random point"; sleep "$((RANDOM % 4)).$((RANDOM % 10))" ;;
      2) how="in bulk's publish window"
         local deadline=$((SECONDS + 60)) seen=0
         while ((SECONDS < deadline)); do
           if compgen -G "$root/ponds/bulk/m1/data/.tmp-*" >/dev/null; then seen=1; break; fi
           sleep 0.02
         done
         ((seen)) || how="at a random point (no publish window seen in 60 s)" ;;
    esac
    kill9 "$dpid"
    kills=$((kills + 1))
    last_result=""
    verify_generations "round $k" "$root" "$work/inodes.txt" || true
    say "round $k/$rounds: killed $how; $last_result"
  done
  : >"$work/stop-writer"
  wait "$writer_pid" || true
  writer_pid=""

  say "clean restart: settle, stop the waves, check the line still runs, stop"
  log="$work/daemon-final.log"
  start_daemon chaos "$root" "$log"
  if wait_ready "$dpid" "$log" 120; then
    settled=1
    local deadline=$((SECONDS + 180))
    while ((SECONDS < deadline)) && (($(pending_files "$root") > 0)); do sleep 0.5; done
    "$ds" stop chaos bulk >/dev/null
    "$ds" stop chaos outlet >/dev/null
    evroot=$root
    local from
    from=$(size_of "$root/events.log")
    "$ds" pulse chaos outlet >/dev/null
    wait_event "$from" "outlet@1" 300 || violation "after the final restart a pulse of outlet did not complete in 300 s"
    # Idle before the stop: no run in flight on any line, so a clean stop has nothing to interrupt.
    deadline=$((SECONDS + 300))
    while ((SECONDS < deadline)) && [[ -n $(grep -L '"runsInFlight": 0' "$root"/ponds/*/m*/status.json 2>/dev/null) ]]; do
      sleep 0.5
    done
    [[ -n $(grep -L '"runsInFlight": 0' "$root"/ponds/*/m*/status.json 2>/dev/null) ]] &&
      violation "runs still in flight 300 s after the waves were stopped"
    verify_generations settled "$root" "$work/inodes.txt" || true
    stop_daemon "$dpid"
    ((stop_rc == 0)) || violation "the final daemon exited with $stop_rc on SIGTERM: $(tail -1 "$log")"
  else
    restart_failures=$((restart_failures + 1))
    violation "the final restart failed: $(tail -1 "$log")"
    kill9 "$dpid"
  fi

  local tmps
  tmps=$(find "$root" -name '.tmp-*' 2>/dev/null | sort)
  leftovers=$(grep -c . <<<"$tmps" || true)
  ((leftovers == 0)) || { sed 's/^/chaos: leftover temporary: /' <<<"$tmps" | head -20; violation "$leftovers temporaries left after a clean restart and stop"; }

  out=$(check signals "$root" "$work/dropped.txt" 2>&1) || true
  grep -q '^result' <<<"$out" || violation "the signal verifier failed: $(tail -3 <<<"$out")"
  grep -v '^result' <<<"$out" | grep -v '^pending' | head -20 | sed 's/^/chaos: /' || true
  dropped=$(field dropped <<<"$out")
  lost=$(($(field lost <<<"$out") + $(field rejected <<<"$out")))
  pending=$(field pending <<<"$out")
  doubled=$(field double <<<"$out")
  say "signals: $(grep '^result' <<<"$out")"
  ((lost == 0)) || violation "$lost of $dropped signals lost (never journaled and no longer in the inbox) or rejected"
  # Still waiting is not lost: the next start applies it. After a clean restart that settled, though,
  # nothing may wait (when the final restart failed, that failure is the violation).
  ((pending == 0 || settled == 0)) || violation "$pending of $dropped signals still waiting after the clean restart settled"
  ((doubled == 0)) || violation "$doubled signals claimed more than once"
  (($(field garbled <<<"$out") == 0)) || violation "events.log has garbled lines (a torn append)"
  ((torn == 0)) || violation "$torn torn generations"
  ((rewritten == 0)) || violation "$rewritten published generations replaced"
  sleep 1
  local left
  left=$(marked)
  orphans=$(grep -c . <<<"$left" || true)
  if ((orphans > 0)); then
    ps -o pid=,args= -p "$(paste -sd, - <<<"$left")" 2>/dev/null | cut -c1-160 | sed 's/^/chaos: orphan: /' || true
    violation "$orphans processes started by killed daemons still run after the final stop"
  fi
}

# ---------------------------------------------------------------------------------------------
# Lease races. race_once is the only place that knows how a race is run, so a faster runner (a
# Java main starting both contenders) can replace it: it takes the race number and returns 0 when
# exactly one daemon won, printing the reason otherwise.
race_root="$work/race"
race_wins=0

# A fresh copy of the race root (no lease files at all) holding only a catchment.lock written on
# another host, with an hour-old heartbeat.
stale_foreign_lock() {
  local old
  old=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%S.000000000Z)
  rm -rf "$race_root"
  cp -a "$work/race-template" "$race_root"
  printf '{\n  "host": "chaos-elsewhere.invalid",\n  "pid": 1,\n  "started": "%s",\n  "heartbeat": "%s"\n}\n' "$old" "$old" \
    >"$race_root/catchment.lock"
}

race_once() {
  local r=$1 a b la="$work/race-a.log" lb="$work/race-b.log" verdict="" rc
  start_daemon race "$race_root" "$la"; a=$dpid
  start_daemon race "$race_root" "$lb"; b=$dpid
  local deadline=$((SECONDS + 90)) ra=0 rb=0
  while [[ -z $verdict ]]; do
    grep -q ' running at ' "$la" 2>/dev/null && ra=1
    grep -q ' running at ' "$lb" 2>/dev/null && rb=1
    if ((ra && rb)); then verdict="both daemons started (pids $a and $b)"; break; fi
    if ! alive "$a" && ! alive "$b"; then
      verdict="no daemon won: $(tail -1 "$la") / $(tail -1 "$lb")"; break
    fi
    if ((ra)) && ! alive "$b"; then verdict=ok-a; break; fi
    if ((rb)) && ! alive "$a"; then verdict=ok-b; break; fi
    ((SECONDS < deadline)) || { verdict="undecided after 90 s"; break; }
    sleep 0.02
  done
  local winner loser llog
  case $verdict in
    ok-a) winner=$a loser=$b llog=$lb ;;
    ok-b) winner=$b loser=$a llog=$la ;;
  esac
  if [[ -n ${winner:-} ]]; then
    rc=0; wait "$loser" 2>/dev/null || rc=$?
    if ((rc == 0)) || ! grep -q 'already served' "$llog"; then
      verdict="the loser exited with $rc without 'already served': $(tail -1 "$llog")"
    elif ! grep -qsw "$winner" "$race_root"/catchment.lock*; then
      verdict="no catchment.lock* file names the winner $winner"
    else
      verdict=ok
    fi
  fi
  # The winner dies by kill -9: its lock, naming a dead pid on this host, is the next race's stale lock.
  kill9 "$a"; kill9 "$b"
  if [[ $verdict == ok ]]; then return 0; fi
  echo "race $r: $verdict"
  return 1
}

# The fast runner: dev.duckstring.catchment.LeaseRaces (under src/test/java), which races the lease
# between two long-lived contender JVMs on a fresh root per race. When it is built, it runs all the
# races, and race_once still runs a few end to end as daemons.
lease_races_class="$here/target/test-classes/dev/duckstring/catchment/LeaseRaces.class"
race_how="daemons"
daemon_races=0
daemon_race_wins=0

section_races() {
  local cli_races=$races
  if [[ $race_runner == java || ( $race_runner == auto && -f $lease_races_class ) ]]; then
    say "lease races: $races races with the Java runner (LeaseRaces)"
    local out rc=0
    out=$(java -cp "$here/target/classes:$here/target/test-classes:$here/target/lib/*" \
      dev.duckstring.catchment.LeaseRaces "$races" "$work/lease-races" 2>&1) || rc=$?
    grep -v 'lease races had exactly one winner' <<<"$out" | sed 's/^/chaos: /' || true
    race_wins=$(sed -n 's/^\([0-9]*\) of [0-9]* lease races had exactly one winner.*/\1/p' <<<"$out" | tail -1)
    race_wins=${race_wins:-0}
    if ((rc != 0 || race_wins != races)); then
      violation "$((races - race_wins)) of $races lease races (Java runner) did not have exactly one winner (exit $rc)"
    fi
    race_how="Java runner"
    cli_races=$((races < 10 ? races : 10))
  fi
  ((cli_races > 0)) || return 0
  say "lease races: $cli_races races of two daemons over a stale catchment.lock"
  start_daemon race "$race_root" "$work/race-init.log"
  wait_ready "$dpid" "$work/race-init.log" 120 || { violation "the race root did not start"; return; }
  kill9 "$dpid"
  cp -a "$race_root" "$work/race-template"
  rm -f "$work/race-template"/catchment.lock* "$work/race-template"/.tmp-*
  local r
  # A contender lives for about a second: skip the optimising JIT, which costs CPU it never repays.
  extra_java_opts="-XX:TieredStopAtLevel=1"
  for ((r = 1; r <= cli_races; r++)); do
    # Every fourth race: a lock from another host with an hour-old heartbeat; otherwise the lock
    # the previous winner left when it was killed (a dead pid on this host).
    ((r % 4 == 0)) && stale_foreign_lock
    daemon_races=$((daemon_races + 1))
    if race_once "$r"; then
      daemon_race_wins=$((daemon_race_wins + 1))
    else
      violation "lease race $r of two daemons did not have exactly one winner"
    fi
    ((r % 25 == 0)) && say "races: $daemon_race_wins/$r with one winner"
  done
  [[ $race_how == daemons ]] && race_wins=$daemon_race_wins
  extra_java_opts=""
  return 0
}

# ---------------------------------------------------------------------------------------------
full_disk_result="skipped (--no-full-disk)"

section_full_disk() {
  if [[ $(id -u) != 0 ]]; then full_disk_result="skipped (not root: mount needs root)"; return; fi
  command -v mount >/dev/null || { full_disk_result="skipped (no mount command)"; return; }
  local mnt="$work/tmpfs" err
  mkdir -p "$mnt"
  if ! err=$(mount -t tmpfs -o size=64m,mode=0755 duckstring-chaos "$mnt" 2>&1); then
    full_disk_result="skipped (mount -t tmpfs failed: ${err:-unknown error})"; return
  fi
  mounted=$mnt
  say "full disk: a 64 MiB tmpfs at $mnt"
  local froot="$mnt/root" log="$work/full-1.log" problems=() gen0 from
  evroot=$froot
  [[ -d "$work/src/inlet" ]] || make_ponds
  start_daemon chaosfull "$froot" "$log"
  wait_ready "$dpid" "$log" 120 || { full_disk_result="FAILED (the daemon did not start on the tmpfs)"; violation "full disk: $full_disk_result"; return; }
  deploy_all chaosfull inlet pond outlet
  from=$(size_of "$froot/events.log")
  "$ds" pulse chaosfull outlet >/dev/null
  wait_event "$from" "outlet@1" 180 || problems+=("the first pulse did not complete")
  gen0=$(cat "$froot/ponds/outlet/m1/data/CURRENT" 2>/dev/null || true)

  dd if=/dev/zero of="$mnt/filler" bs=1M >/dev/null 2>&1 || true
  dd if=/dev/zero of="$mnt/filler-small" bs=4k >/dev/null 2>&1 || true
  say "full disk: filled ($(df -h --output=avail "$mnt" | tail -1 | tr -d ' ') free); pulse outlet, wait 20 s"
  mkdir -p "$froot/ponds/outlet/signals"
  : >"$froot/ponds/outlet/signals/pulse.chaos-full" || problems+=("could not drop a signal on the full disk")
  sleep 20
  if ! alive "$dpid"; then
    problems+=("the daemon died on the full disk: $(tail -1 "$log")")
  fi
  local torn_before=$torn
  verify_generations "full disk" "$froot" "$work/inodes-full.txt" || problems+=("the verifier failed")
  ((torn == torn_before)) || problems+=("a torn generation on the full disk")
  [[ $(cat "$froot/ponds/outlet/m1/data/CURRENT" 2>/dev/null) == "$gen0" ]] || problems+=("the last good generation $gen0 is no longer CURRENT")

  if alive "$dpid"; then stop_daemon "$dpid"; fi
  dd if=/dev/zero of="$mnt/filler-more" bs=4k >/dev/null 2>&1 || true   # what the stop freed
  log="$work/full-2.log"
  start_daemon chaosfull "$froot" "$log"
  if ! wait_ready "$dpid" "$log" 60 || ! { sleep 5; alive "$dpid"; }; then
    problems+=("the daemon does not start on a full disk: $(tail -1 "$log")")
  fi
  from=$(size_of "$froot/events.log")
  rm -f "$mnt"/filler*
  say "full disk: space freed; waiting for outlet to publish again with no new signal"
  if ! alive "$dpid"; then
    log="$work/full-3.log"
    start_daemon chaosfull "$froot" "$log"
    wait_ready "$dpid" "$log" 120 || problems+=("the daemon does not start after space returned")
  fi
  wait_event "$from" "outlet@1" 180 || problems+=("outlet did not complete a run by itself within 180 s after space returned")
  # grep reads the files itself: 'cat | grep -q' under pipefail failed when grep matched early and
  # cat died of SIGPIPE on the rest (a false violation seen in CI).
  if ! grep -qsi 'no space left' "$work"/full-*.log "$froot"/events.log* "$froot"/ponds/*/m*/status.json; then
    problems+=("nothing reported 'No space left on device' (daemon output, events.log*, status.json)")
  fi
  if alive "$dpid"; then stop_daemon "$dpid"; fi
  umount "$mnt" && mounted=""
  if ((${#problems[@]})); then
    full_disk_result="FAILED ($(IFS=';'; echo "${problems[*]}"))"
    violation "full disk: ${problems[*]}"
  else
    full_disk_result="ok"
  fi
}

# ---------------------------------------------------------------------------------------------
started=$SECONDS
section_kills
say "kill section took $((SECONDS - started)) s"
t=$SECONDS
section_races
say "race section took $((SECONDS - t)) s"
if ((full_disk)); then
  t=$SECONDS
  section_full_disk
  say "full-disk section took $((SECONDS - t)) s"
fi

bar=""
((rounds >= 30 && races >= 200)) || bar=" (below the issue's bar of 30 kills and 200 races)"
echo "chaos: $kills kills, $torn torn generations, $rewritten rewritten generations, $lost lost signals" \
  "(of $dropped; $pending still waiting, $doubled claimed twice), $restart_failures failed restarts, $leftovers leftover temporaries," \
  "$orphans orphans,"  \
  "$race_wins/$races lease races with one winner ($race_how$([[ $race_how != daemons ]] && echo "; $daemon_race_wins/$daemon_races as daemons" || true)), full-disk: $full_disk_result$bar; $((SECONDS - started)) s"
if ((${#violations[@]})); then
  echo "chaos: FAILED with ${#violations[@]} violations" >&2
  exit 1
fi
