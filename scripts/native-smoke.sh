#!/bin/sh
# Run by 'make build' after scripts/fast-start.sh: fails the build unless DuckDB, on bin/duckstring's
# class path, answers a query with the JNI library that fast-start put in target/lib/ and copies
# nothing into java.io.tmpdir (a private, empty one here). So a DuckDB upgrade that renames its
# bundled libraries or changes its loading order (docs/benchmarks.md, "Fast CLI start") fails the
# build instead of silently copying 60 MB at every start.
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
lib="$here/target/lib"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/java-tmp"
if ! java -Djava.io.tmpdir="$tmp/java-tmp" -cp "$here/target/duckstring.jar:$lib/*" \
  "$here/scripts/NativeSmoke.java" "$lib" 2>"$tmp/err"; then
  cat "$tmp/err" >&2
  echo "native-smoke: FAILED; see scripts/fast-start.sh (after a DuckDB upgrade: rm target/lib/duckdb_jdbc-*.jar and 'make build')" >&2
  exit 1
fi
echo "native-smoke: DuckDB loads $(cd "$lib" && ls libduckdb_java* | head -n 1) from target/lib/, nothing extracted"
