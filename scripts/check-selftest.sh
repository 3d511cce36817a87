#!/usr/bin/env bash
# Shows that 'make check' catches what it claims to (docs/testing.md): in a copy of the tree it must
# fail on (1) a misformatted Java file and (2) a class of 'model' that names a 'cli' class by its
# fully qualified name inside a method body, an upward dependency no import line shows.
# Exits 0 when both runs failed for the expected reason; CI runs it after 'make check'.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
model=src/main/java/dev/duckstring/model

# expect NAME FILE PATTERN: 'make check' in a fresh copy with FILE added must fail and print PATTERN.
expect() {
  local name=$1 file=$2 pattern=$3 copy="$work/$1"
  mkdir -p "$copy"
  git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$copy"
  cat >"$copy/$model/$file"
  if make -C "$copy" check >"$work/$name.log" 2>&1; then
    echo "check-selftest: FAILED: make check passed with $model/$file" >&2
    exit 1
  fi
  if ! grep -q -- "$pattern" "$work/$name.log"; then
    echo "check-selftest: FAILED: make check failed, but not with '$pattern':" >&2
    tail -40 "$work/$name.log" >&2
    exit 1
  fi
  echo "check-selftest: $name: make check failed as it should ($(grep -m1 -o -- "$pattern.*" "$work/$name.log" | cut -c1-120))"
}

expect misformatted Misformatted.java 'Misformatted.java' <<'JAVA'
package dev.duckstring.model;

/** Deliberately misformatted. */
final class Misformatted { int x; }
JAVA

expect upward Upward.java 'dev.duckstring.model.Upward uses dev.duckstring.cli.Cli' <<'JAVA'
package dev.duckstring.model;

/** Deliberately wrong: the model names the command line. */
final class Upward {
  private Upward() {}

  static String name() {
    return dev.duckstring.cli.Cli.class.getName();
  }
}
JAVA
