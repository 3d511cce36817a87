#!/bin/sh
# make bench / make bench-quick: compiles src/bench/java against the packaged jar (never part of
# 'make test') and runs the suite. Results: the printed table and target/bench/results.json.
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cd "$here"
# Peer 6 needs Snakemake (Debian package); try to install it, else the suite skips it and says why.
if ! command -v snakemake >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "bench: installing snakemake with apt-get (peer comparison)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q snakemake >/dev/null 2>&1 \
    || echo "bench: apt-get install snakemake failed; the Snakemake peer will be skipped" >&2
fi
out=target/bench/classes
rm -rf "$out"
mkdir -p "$out"
javac --release 17 -Xlint:all,-path,-try -Werror -d "$out" -cp "target/duckstring.jar:target/lib/*" \
  $(find src/bench/java -name '*.java')
exec java -Xmx2g -cp "$out:target/duckstring.jar:target/lib/*" dev.duckstring.bench.Bench "$here" "$@"
