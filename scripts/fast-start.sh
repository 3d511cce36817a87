#!/bin/sh
# Run by 'make build' after 'mvn package': makes bin/duckstring start fast. Safe to run again.
#
# 1. DuckDB's JDBC jar carries its JNI library for four platforms and, at every JVM start that
#    touches DuckDB, copies this platform's 60 MB library into the temp directory (about 0.4 s,
#    and a 60 MB file for deleteOnExit to remove). We extract it
#    once, beside the jar in target/lib/, and delete the libraries from that copy of the jar:
#    org.duckdb.DuckDBNative then finds no bundled resource and loads the file next to its jar
#    (its loadFromCurrentJarDir fallback). Maven's copy in ~/.m2 and the test class path are
#    untouched.
# 2. Two AppCDS archives, dumped statically with -Xshare:dump (JDK 17 has no
#    -XX:+AutoCreateSharedArchive) from the class lists of training runs: target/duckstring.jsa
#    for CLI commands (deploy, pulse, status, runs, query, --help) and target/daemon.jsa for
#    'catchment start' (the same plus a daemon's run). The CLI's archive leaves the daemon's
#    classes out: a JVM relocates its whole archive at start, so every class in it costs every
#    command (decision 59). bin/duckstring uses an archive only while it is newer than the jar.
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
lib="$here/target/lib"
jar=$(ls "$lib"/duckdb_jdbc-*.jar 2>/dev/null | head -n 1)
[ -n "$jar" ] || { echo "fast-start: no DuckDB jar in $lib; run 'mvn package' first" >&2; exit 1; }

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=osx ;;
  *) os= ;;
esac
case "$(uname -m)" in
  x86_64|amd64) arch=amd64 ;;
  aarch64|arm64) arch=arm64 ;;
  *) arch= ;;
esac
[ "$os" = osx ] && arch=universal
name="libduckdb_java.so_${os}_${arch}"
if [ -z "$os" ] || [ -z "$arch" ] || ! command -v zip >/dev/null || ! command -v unzip >/dev/null; then
  echo "fast-start: keeping DuckDB's stock jar (unknown platform or no zip/unzip), which copies its library" \
    "at every start; scripts/native-smoke.sh will fail the build" >&2
elif unzip -l "$jar" "$name" >/dev/null 2>&1; then
  unzip -p "$jar" "$name" > "$lib/.tmp-$name"
  mv "$lib/.tmp-$name" "$lib/$name"
  zip -q -d "$jar" 'libduckdb_java.so_*'
elif [ ! -f "$lib/$name" ]; then
  echo "fast-start: $jar has no native library and $lib/$name is missing;" \
    "run 'rm $jar' and 'make build' again" >&2
  exit 1
fi

# Training: the common commands on a throwaway Catchment in a private home, each listing the
# classes it loads; the merged list is dumped into the archive. A daemon runs the demo Inlet first
# (port 0: any free port), so that status, runs and query read real status.json, run records and
# published Parquet, as they do for a user; then it stops, so pulse and status also take the
# "no daemon serves" path. (A catchment that never ran leaves gson's records, the lease reader
# and DuckDB out of the archive: status loaded ~240 classes from jars and jrt at every start.)
jsa="$here/target/duckstring.jsa"
daemon_jsa="$here/target/daemon.jsa"
tmp=$(mktemp -d)
daemon=
trap '[ -n "$daemon" ] && kill "$daemon" 2>/dev/null; rm -rf "$tmp"' EXIT
cp="$here/target/duckstring.jar:$lib/*"
n=0
cli() {
  n=$((n + 1))
  DUCKSTRING_HOME="$tmp/home" java -XX:DumpLoadedClassList="$tmp/classes.$n" -cp "$cp" dev.duckstring.Main "$@" >/dev/null 2>&1
}
mkdir -p "$tmp/root" "$tmp/inlet"
printf 'name = "train"\n' > "$tmp/root/catchment.toml"
cli catchment connect --name train --path "$tmp/root"
cd "$tmp/inlet" # not a subshell: cli's counter must go on, or later lists overwrite these
cli pond demo inlet
cli deploy train
cd "$here"
DUCKSTRING_HOME="$tmp/home" java -XX:DumpLoadedClassList="$tmp/daemon.classes" -cp "$cp" dev.duckstring.Main \
  catchment start --name train --root "$tmp/root" --port 0 >"$tmp/daemon.log" 2>&1 &
daemon=$!
i=0
while ! grep -q ' running at ' "$tmp/daemon.log" 2>/dev/null && [ $i -lt 600 ]; do
  sleep 0.1
  i=$((i + 1))
done
cli pulse train inlet --wait --timeout 120s || echo "fast-start: the training run did not finish; the archive covers less" >&2
cli status train --all
cli status train --all --json
cli status train inlet
cli runs train
cli query train inlet --sql 'SELECT count(*) FROM orders'
kill -TERM "$daemon" 2>/dev/null || true
wait "$daemon" 2>/dev/null || true
daemon=
cli pulse train inlet
cli tap train inlet
cli status train --all
cli --help
cli pulse --help
cli status --help
cli query --help
cat "$tmp"/classes.* | sort -u > "$tmp/cli.lst"
cat "$tmp"/classes.* "$tmp/daemon.classes" | sort -u > "$tmp/daemon.lst"
dump() { # LIST ARCHIVE
  rm -f "$2"
  java -Xshare:dump -XX:SharedClassListFile="$1" -XX:SharedArchiveFile="$2" \
    -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$cp" >/dev/null 2>&1 || rm -f "$2"
}
dump "$tmp/cli.lst" "$jsa"
dump "$tmp/daemon.lst" "$daemon_jsa"
[ -f "$jsa" ] && [ -f "$daemon_jsa" ] &&
  echo "fast-start: $(basename "$jsa") and $(basename "$daemon_jsa") written; DuckDB loads $lib/$name" || true
