#!/usr/bin/env bash
# Scans every hostile shape of internal/bench/shapes at its default scale (just under 1 MB, or the
# size its note gives) in each output format, and prints the time and peak memory of each run (a run
# is stopped after 60 s and limited to about 4 GB of address space).
#
#   bash internal/bench/hostile.sh [FORMATS]     (default "text json sarif")
set -euo pipefail
cd "$(dirname "$0")/../.."
formats=${1:-text json sarif}
[ -x /usr/bin/time ] || { [ "$(id -u)" = 0 ] && apt-get install -y -qq time >/dev/null; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/privlint" ./cmd/privlint
go run internal/bench/hostile.go -out "$work/shapes"
printf '%-18s %10s %-6s %8s %9s %8s\n' shape bytes format seconds peak-MiB findings
for f in "$work"/shapes/*; do
  for fmt in $formats; do
    ( ulimit -v 4000000
      /usr/bin/time -f '%e %M' -o "$work/time" timeout 60 "$work/privlint" --format "$fmt" --fail-on never "$f" >"$work/out" 2>"$work/err" ) || true
    read -r secs kb < <(tail -n 1 "$work/time") || true
    n=$(grep -c . "$work/out" || true)
    printf '%-18s %10d %-6s %8s %9d %8s\n' "$(basename "$f")" "$(stat -c %s "$f")" "$fmt" "$secs" $((kb / 1024)) "$n"
  done
done
