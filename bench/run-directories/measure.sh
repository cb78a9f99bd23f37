#!/usr/bin/env bash
# Issue 11 figures: a 10^7-iteration run killed near its end resumes in bounded memory, and checkpoint pauses do
# not grow with metrics.jsonl. Usage: bench/run-directories/measure.sh [iterations, default 10000000]
# Needs a Release build (dotnet build Rebel.sln -c Release), /usr/bin/time and python3; writes under a temp folder.
set -euo pipefail
T=${1:-10000000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
REBEL=(dotnet "$ROOT/src/Rebel.Cli/bin/Release/net10.0/rebel.dll")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

rss() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1"; }

# Reference: a whole 10^4-iteration run.
/usr/bin/time -v "${REBEL[@]}" selfplay -T 10000 --out small >/dev/null 2>small.time
echo "10^4-iteration run: peak RSS $(rss small.time) kB"

# The long run, SIGKILLed once its checkpoint passes 95% of T.
"${REBEL[@]}" selfplay -T "$T" --checkpoint-seconds 0.25 --out long >/dev/null 2>&1 &
pid=$!
target=$((T * 95 / 100))
while :; do
  it=$(grep -o '"iteration":[0-9]*' long/checkpoint.json 2>/dev/null | head -1 | cut -d: -f2 || true)
  if [ -n "${it:-}" ] && [ "$it" -ge "$target" ]; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "the run ended before it could be killed"; exit 1; fi
  sleep 0.05
done
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
size=$(stat -c %s long/metrics.jsonl)
echo "killed at checkpoint iteration $it; metrics.jsonl $size bytes"

# Checkpoint pauses: the largest step of the 'seconds' field between consecutive lines, per tenth of the run
# (a checkpoint flushes metrics, writes checkpoint.json and plot.svg between two iterations).
python3 - "$T" <<'PY'
import sys, re
T = int(sys.argv[1]); tenth = T // 10
pat = re.compile(rb'"seconds":([0-9.eE+-]+)')
worst = [0.0] * 10; prev = None
with open("long/metrics.jsonl", "rb") as f:
    for i, line in enumerate(f):
        m = pat.search(line)
        if not m: break
        s = float(m.group(1))
        if prev is not None:
            k = min(i // tenth, 9); worst[k] = max(worst[k], s - prev)
        prev = s
print("largest gap between consecutive iterations per tenth of the run (ms): " + " ".join(f"{1000*w:.1f}" for w in worst))
PY

/usr/bin/time -v "${REBEL[@]}" selfplay --resume long >/dev/null 2>long.time
echo "resume of the killed run to $T: peak RSS $(rss long.time) kB, wall $(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' long.time)"
echo "final metrics.jsonl lines: $(wc -l < long/metrics.jsonl)"
