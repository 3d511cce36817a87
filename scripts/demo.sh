#!/usr/bin/env bash
# The product page's quickstart, end to end, on a throwaway Catchment with the embedded DuckDB.
# Usage: scripts/demo.sh   (after 'make build'; 'make demo' does both)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
ds="$here/bin/duckstring"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/duckstring-demo.XXXXXX")
export DUCKSTRING_HOME="$tmp/home"   # keep the demo's registration out of ~/.duckstring
daemon=""
cleanup() {
  if [[ -n "$daemon" ]] && kill -0 "$daemon" 2>/dev/null; then
    kill -TERM "$daemon"; wait "$daemon" || true
  fi
  echo "demo files left in $tmp"
}
trap cleanup EXIT
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

step duckstring catchment start --name dev --port 0 --root "$tmp/dev" "&"
"$ds" catchment start --name dev --port 0 --root "$tmp/dev" >"$tmp/daemon.log" 2>&1 &
daemon=$!
for _ in $(seq 300); do [[ -f "$tmp/dev/catchment.lock" ]] && break; sleep 0.1; done
cat "$tmp/daemon.log"

for p in inlet pond outlet; do
  mkdir -p "$tmp/$p"; cd "$tmp/$p"
  step "cd $p && duckstring pond demo $p && duckstring deploy dev"
  "$ds" pond demo "$p"
  "$ds" deploy dev
done

mkdir -p "$tmp/work"; cd "$tmp/work"
step duckstring pulse dev outlet
"$ds" pulse dev outlet
status="$tmp/dev/ponds/outlet/m1/status.json"
for _ in $(seq 600); do
  grep -q '"outcome": "success"' "$status" 2>/dev/null && break
  grep -q '"outcome": "failed"' "$status" 2>/dev/null && { cat "$status"; exit 1; }
  sleep 0.1
done
grep -q '"outcome": "success"' "$status" || { echo "the outlet did not finish in time" >&2; exit 1; }

step duckstring status dev --all
"$ds" status dev --all
step duckstring get dev outlet daily
"$ds" get dev outlet daily
ls -l ponds/outlet/daily
step 'duckstring query dev outlet --sql "SELECT * FROM daily WHERE id=1;"'
"$ds" query dev outlet --sql "SELECT * FROM daily WHERE id=1;"
step duckstring query dev outlet daily
"$ds" query dev outlet daily
step duckstring runs dev
"$ds" runs dev --limit 3
echo
echo "demo finished: the Catchment root is $tmp/dev"
