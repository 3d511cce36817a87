#!/bin/sh
# make bench / make bench-quick: compiles src/bench/java against the packaged jar (never part of
# 'make test') and runs the suite. Results: the printed table and target/bench/results.json.
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cd "$here"
out=target/bench/classes
rm -rf "$out"
mkdir -p "$out"
javac --release 17 -Xlint:all,-path,-try -Werror -d "$out" -cp "target/duckstring.jar:target/lib/*" \
  $(find src/bench/java -name '*.java')
exec java -Xmx2g -cp "$out:target/duckstring.jar:target/lib/*" dev.duckstring.bench.Bench "$here" "$@"
