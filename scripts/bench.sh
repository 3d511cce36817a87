#!/bin/sh
# make bench / make bench-quick: compiles src/bench/java against the packaged jar (never part of
# 'make test') and runs the suite. Results: the printed table and target/bench/results.json.
#
# Peer 6 needs Snakemake (a Debian package). When it is missing, this script says exactly which
# packages 'apt-get install snakemake' would add and installs them only with consent: a yes at the
# prompt, or --install / BENCH_INSTALL=1 ('make bench BENCH_INSTALL=1'). Without a terminal and
# without that consent it installs nothing, and the suite skips the peer and says why.
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cd "$here"
install=${BENCH_INSTALL:-0}
peers=1
prev=
for a in "$@"; do
  shift
  if [ "$a" = --install ]; then
    install=1
  else
    set -- "$@" "$a"
    [ "$prev" = --only ] && case ",$a," in *,peers,*) peers=1 ;; *) peers=0 ;; esac
  fi
  prev=$a
done
if [ "$peers" = 1 ] && ! command -v snakemake >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
    echo "bench: snakemake is not on the PATH and this script installs it only as root with apt-get;" \
      "the Snakemake peer will be skipped" >&2
  else
    pkgs=$(apt-get -s install snakemake 2>/dev/null | awk '/^Inst /{print $2}' | tr '\n' ' ')
    echo "bench: the Snakemake peer needs snakemake, which is not installed." >&2
    if [ -n "$pkgs" ]; then
      echo "bench: 'apt-get install snakemake' would install these $(echo $pkgs | wc -w) Debian packages:" >&2
      echo "$pkgs" | fold -s -w 100 | sed 's/^/  /' >&2
    else
      echo "bench: 'apt-get install snakemake' would install snakemake and its dependencies" \
        "('apt-get -s install snakemake' could not list them; 'apt-get update' may be needed)" >&2
    fi
    answer=n
    if [ "$install" = 1 ]; then
      answer=y
    elif [ -t 0 ]; then
      printf 'bench: install them now? [y/N] ' >&2
      read -r answer || answer=n
    else
      echo "bench: no terminal to ask: installing only with --install or BENCH_INSTALL=1" >&2
    fi
    case $answer in
      y | Y | yes)
        echo "bench: apt-get install -y snakemake" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q snakemake >/dev/null 2>&1 \
          || echo "bench: apt-get install snakemake failed; the Snakemake peer will be skipped" >&2
        ;;
      *) echo "bench: not installing; the Snakemake peer will be skipped" >&2 ;;
    esac
  fi
fi
out=target/bench/classes
rm -rf "$out"
mkdir -p "$out"
javac --release 17 -Xlint:all,-path,-try -Werror -d "$out" -cp "target/duckstring.jar:target/lib/*" \
  $(find src/bench/java -name '*.java')
exec java -Xmx2g -cp "$out:target/duckstring.jar:target/lib/*" dev.duckstring.bench.Bench "$here" "$@"
