#!/usr/bin/env bash
# Times the repository-level step (scripts calling scripts, internal/scan/calls.go) on a synthetic
# repository: a scan where one helper script grants to its first argument and twenty files that
# name no right call it, against the same scan with the helper granting to a literal account (the
# step then does nothing but record). Runs alternate; the ratio of medians is the step's cost.
#
#   bash internal/bench/calls.sh [FILES] [RUNS]     (default 20000 files, 9 runs each)
set -euo pipefail
cd "$(dirname "$0")/../.."
files=${1:-20000}
runs=${2:-9}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/privlint" ./cmd/privlint
go run internal/bench/gen.go -out "$work/repo" -files "$files"
mkdir -p "$work/repo/zz-tools" "$work/repo/zz-deploy"
for i in $(seq 1 20); do
  printf '@echo off\r\ncall ..\\zz-tools\\grant.cmd CONTOSO\\svc-%d\r\n' "$i" >"$work/repo/zz-deploy/install$i.cmd"
done
literal() { printf 'ntrights -u CONTOSO\\fixed +r SeImpersonatePrivilege\r\n' >"$work/repo/zz-tools/grant.cmd"; }
argument() { printf 'ntrights -u %%1 +r SeImpersonatePrivilege\r\n' >"$work/repo/zz-tools/grant.cmd"; }
pl() { "$work/privlint" --format sarif --output "$work/out.sarif" --fail-on never "$work/repo"; }
now() { date +%s%N; }

argument; pl # warm the page cache
bound=$(grep -c 'via call of' "$work/out.sarif" || true)
declare -a ta tl
for ((i = 0; i < runs; i++)); do
  argument; s=$(now); pl; e=$(now); ta+=($(((e - s) / 1000)))
  literal; s=$(now); pl; e=$(now); tl+=($(((e - s) / 1000)))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ma=$(median "${ta[@]}")
ml=$(median "${tl[@]}")
echo "tree: $files files, $(du -sh "$work/repo" | cut -f1); $bound findings through calls"
echo "scan, step binding 20 calls: median $((ma / 1000)) ms"
echo "scan, step idle:             median $((ml / 1000)) ms"
echo "ratio:                       $(awk -v a="$ma" -v b="$ml" 'BEGIN {printf "%.3f", a / b}')"
