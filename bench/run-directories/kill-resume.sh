#!/usr/bin/env bash
# Issue 11 kill/resume trials: SIGKILL a run at a random moment (including the first 0.2 s, before its first
# checkpoint), resume it (more than once if the resume is killed too), and compare metrics.jsonl without 'seconds'
# and policy.json with an uninterrupted run. Usage: kill-resume.sh [trials, default 30] [path/to/rebel.dll]
set -uo pipefail
N=${1:-30}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DLL=${2:-$ROOT/src/Rebel.Cli/bin/Release/net10.0/rebel.dll}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT; cd "$W"
ARGS=(selfplay --pref-model random:n=64 --algo rebel --feedback bernoulli -T 60000 --checkpoint-seconds 0.05)
strip() { sed -E 's/,"seconds":[^,}]*//' "$1"; }
dotnet "$DLL" "${ARGS[@]}" --out ref >/dev/null 2>&1 || { echo "reference run failed"; exit 1; }
strip ref/metrics.jsonl > ref.txt
equal=0
for i in $(seq 1 "$N"); do
  rm -rf run
  dotnet "$DLL" "${ARGS[@]}" --out run >/dev/null 2>&1 & pid=$!
  sleep "$(python3 -c "import random; random.seed($i); print(random.choice([random.uniform(0, 0.25), random.uniform(0.25, 2.5)]))")"
  kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
  if [ ! -f run/config.json ]; then
    # Killed before it wrote anything: the directory (if any) must take a new run without --force.
    dotnet "$DLL" "${ARGS[@]}" --out run >/dev/null 2>run.err; rc=$?
  else
    dotnet "$DLL" selfplay --resume run >/dev/null 2>run.err; rc=$?
  fi
  if [ $rc = 0 ] && cmp -s ref.txt <(strip run/metrics.jsonl) && cmp -s ref/policy.json run/policy.json; then
    equal=$((equal + 1))
  else
    echo "trial $i: exit $rc, $(head -c 200 run.err)"
  fi
done
echo "kill/resume trials bit-equal: $equal of $N"
