#!/usr/bin/env bash
# Times a full `privlint --format sarif` scan of a synthetic repository against ripgrep searching the
# two privilege names in the same tree (with and without -i) and against the read limit (two
# parallel cats of the files privlint reads), alternating runs, and reports the ratios of medians,
# files per second, peak memory and the process time of a single small file.
#
#   bash internal/bench/compare.sh [FILES] [RUNS] [SHAPE]   (default 20000 files, 9 runs each, shape
#   synthetic; real: many directories, YAML-heavy, Kubernetes manifests: see gen.go -shape)
set -euo pipefail
cd "$(dirname "$0")/../.."
files=${1:-20000}
runs=${2:-9}
shape=${3:-synthetic}

if ! command -v rg >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq ripgrep >/dev/null; else echo "install ripgrep" >&2; exit 1; fi
fi
[ -x /usr/bin/time ] || { [ "$(id -u)" = 0 ] && apt-get install -y -qq time >/dev/null; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/privlint" ./cmd/privlint
go run internal/bench/gen.go -out "$work/repo" -files "$files" -shape "$shape"

pl() { "$work/privlint" --format sarif --output "$work/out.sarif" --fail-on never "$work/repo"; }
rgs() { rg -c -i -e SeImpersonatePrivilege -e SeAssignPrimaryTokenPrivilege "$work/repo" >/dev/null || true; }
rgc() { rg -c -e SeImpersonatePrivilege -e SeAssignPrimaryTokenPrivilege "$work/repo" >/dev/null || true; }
go run internal/bench/list.go "$work/repo" >"$work/files"
cats() { xargs -d '\n' -P 2 -n 256 cat <"$work/files" >/dev/null; }
now() { date +%s%N; }

pl; rgs; cats # warm the page cache
declare -a tp tr tc tk
for ((i = 0; i < runs; i++)); do
  s=$(now); pl; e=$(now); tp+=($(((e - s) / 1000)))
  s=$(now); rgs; e=$(now); tr+=($(((e - s) / 1000)))
  s=$(now); rgc; e=$(now); tc+=($(((e - s) / 1000)))
  s=$(now); cats; e=$(now); tk+=($(((e - s) / 1000)))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mp=$(median "${tp[@]}")
mr=$(median "${tr[@]}")
mc=$(median "${tc[@]}")
mk=$(median "${tk[@]}")
rss=$(/usr/bin/time -f %M "$work/privlint" --format sarif --output "$work/out.sarif" --fail-on never "$work/repo" 2>&1 >/dev/null | tail -1)
findings=$("$work/privlint" --format json --fail-on never "$work/repo" | grep -c '"rule":' || true)

small="$work/small/GptTmpl.inf"
mkdir -p "$work/small"
printf '[Privilege Rights]\nSeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6,CONTOSO\\web\n' > "$small"
# Process time of one small-file scan: user+sys of 100 runs, which the shell measures finely.
single=$( { TIMEFORMAT='%3U %3S'; time (for ((i = 0; i < 100; i++)); do "$work/privlint" --fail-on never "$small" >/dev/null; done); } 2>&1 | awk '{printf "%.1f", ($1 + $2) * 1000 / 100}')

echo "machine: $(nproc) cores, $(go version | awk '{print $3}')"
echo "tree: $files files ($shape), $(du -sh "$work/repo" | cut -f1), $findings findings"
echo "privlint --format sarif: median $((mp / 1000)) ms ($(awk -v f="$files" -v t="$mp" 'BEGIN {printf "%.0f", f / (t / 1e6)}') files/s)"
echo "rg -c -i (two names):    median $((mr / 1000)) ms"
echo "ratio privlint / rg:     $(awk -v a="$mp" -v b="$mr" 'BEGIN {printf "%.2f", a / b}')"
echo "rg -c (two names):       median $((mc / 1000)) ms; ratio privlint / rg: $(awk -v a="$mp" -v b="$mc" 'BEGIN {printf "%.2f", a / b}')"
echo "read limit (2 cats):     median $((mk / 1000)) ms of $(wc -l <"$work/files") files; ratio privlint / read: $(awk -v a="$mp" -v b="$mk" 'BEGIN {printf "%.2f", a / b}')"
echo "peak RSS (privlint):     $((rss / 1024)) MiB"
echo "single small file:       $single ms process time (user+sys, mean of 100 runs)"
