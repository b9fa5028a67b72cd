#!/bin/bash
# tools/ci_repeat.sh RUNS [DIR]: the check of issue #14. A fresh clone of this repository's HEAD
# in DIR (default: a new temporary folder), then RUNS runs of .ci/run in a row in it, each
# logged to DIR.runN.log, one summary line per run in DIR.summary (exit status, seconds, pytest's
# last line, System V IPC objects left on the machine). Start a second copy beside it for the
# "while the machine has other load" part; give each its own strace-suite cache with
# MINITRACE_STRACE_SUITE_CACHE=... to keep them from waiting on each other's suite lock.
set -u
runs=${1:?usage: tools/ci_repeat.sh RUNS [DIR]}
src=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel) || exit 1
dir=${2:-$(mktemp -d /tmp/ci-repeat.XXXXXX)/clone}
rm -rf "$dir" && git clone -q "$src" "$dir" || exit 1
cd "$dir" || exit 1
echo "$(date +%T) clone of $(git log --oneline -1)" >> "$dir.summary"
for i in $(seq "$runs"); do
  start=$(date +%s)
  CI=true bash .ci/run > "$dir.run$i.log" 2>&1
  rc=$?
  echo "$(date +%T) run $i exit $rc, $(( $(date +%s) - start )) s: $(grep -E '(passed|failed).* in ' "$dir.run$i.log" | tail -1); SysV IPC objects: $(ipcs 2>/dev/null | grep -c '^0x')" >> "$dir.summary"
done
cat "$dir.summary"
