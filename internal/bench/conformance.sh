#!/usr/bin/env bash
# Conformance check: scans valid public files that grant nothing, each with a comment holding
# SeImpersonatePrivilege appended in its own comment syntax and encoding, and prints per language the
# files, the files with any warning, problem or finding (all spurious), their share, and the distinct
# messages. The files are never copied into the repository.
#
#   bash internal/bench/conformance.sh [-v] [-keep DIR] [LIST] MIRRORS   a list (default ../shared/conformance/files.tsv)
#                                                                        and a directory of git mirrors
#   bash internal/bench/conformance.sh [-v] [-keep DIR] -dir DIR         every .ps1 .psm1 .psd1 .bat .cmd .rb .pp .mof under DIR
#
# -v lists every file with output and its messages; -keep DIR keeps the annotated files in DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
verbose=()
keep=
src=()
while [ $# -gt 0 ]; do
  case $1 in
    -v) verbose=(-v); shift ;;
    -keep) keep=$2; shift 2 ;;
    -dir) src=(-dir "$2"); shift 2 ;;
    *) break ;;
  esac
done
if [ ${#src[@]} -eq 0 ]; then
  case $# in
    1) src=(-list ../shared/conformance/files.tsv -mirrors "$1") ;;
    2) src=(-list "$1" -mirrors "$2") ;;
    *) sed -n '2,12p' "$0" >&2; exit 2 ;;
  esac
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
work=${keep:-$tmp/files}
go build -o "$tmp/privlint" ./cmd/privlint
go run internal/bench/conformance.go -privlint "$tmp/privlint" -work "$work" "${verbose[@]}" "${src[@]}"
