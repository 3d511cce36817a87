#!/bin/sh
# A command Ripple: any program that writes files into $DUCKSTRING_OUT.
set -eu
{
  echo "# Daily sales report"
  echo
  echo "Data as fresh as: $DUCKSTRING_F"
  echo
  echo "Input files from the daily Ripple:"
  ls "$DUCKSTRING_INPUT_DAILY" | sed 's/^/- /'
} > "$DUCKSTRING_OUT/report.md"
echo "wrote report.md" >&2
