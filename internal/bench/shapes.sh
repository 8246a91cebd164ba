#!/usr/bin/env bash
# Times privlint on every shape of internal/bench/shapes (the inputs of issue 10) in the text, json
# and sarif formats, and prints a table of wall time, processor time (user + system: what a busy
# machine does not inflate) and peak resident memory. A run is stopped after
# TIMEOUT seconds (default 30).
#
#   bash internal/bench/shapes.sh [BINARY]     (default: built from this tree)
set -euo pipefail
cd "$(dirname "$0")/../.."
timeout_s=${TIMEOUT:-30}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=${1:-}
if [ -z "$bin" ]; then
  bin="$work/privlint"
  go build -o "$bin" ./cmd/privlint
fi
go run internal/bench/shapes.go -out "$work/shapes" >/dev/null

printf '| shape | size | format | time | cpu | peak |\n|---|---|---|---|---|---|\n'
for dir in "$work"/shapes/*/; do
  shape=$(basename "$dir")
  size=$(du -b "$dir" | awk '{printf "%.0f KB", $1/1024}')
  for format in text json sarif; do
    status=0
    /usr/bin/time -f '%e s|%U|%S|%M' -o "$work/time" timeout "$timeout_s" \
      "$bin" --format "$format" --output /dev/null --fail-on never "$dir" 2>/dev/null || status=$?
    IFS='|' read -r t user sys kb < <(tail -1 "$work/time")
    cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f s", u + s }')"
    peak="$((kb / 1024)) MiB"
    if [ "$status" = 124 ]; then
      t=">${timeout_s} s (stopped)"
      peak="$peak by then"
    elif [ "$status" != 0 ]; then
      t="$t (exit $status)"
    fi
    printf '| %s | %s | %s | %s | %s | %s |\n' "$shape" "$size" "$format" "$t" "$cpu" "$peak"
  done
done
