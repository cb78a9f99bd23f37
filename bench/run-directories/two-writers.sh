#!/usr/bin/env bash
# Issue 11 two-writer trials: a long run writes D; a second process (selfplay --force, or --resume, alternately)
# is started on D. A trial is clean when the second exits 2 without touching D, and D is a consistent run
# afterwards (config unchanged, the checkpoint's metrics prefix whole lines up to its iteration) — or, for a rebel
# without the lock, when whichever process wrote last left D consistent and exactly one exited 0.
# Usage: two-writers.sh [trials, default 20] [path/to/rebel.dll]
set -uo pipefail
N=${1:-20}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DLL=${2:-$ROOT/src/Rebel.Cli/bin/Release/net10.0/rebel.dll}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT; cd "$W"
clean=0
for i in $(seq 1 "$N"); do
  rm -rf D
  dotnet "$DLL" selfplay -T 400000 --pref-model random:n=64 --checkpoint-seconds 0.05 --out D >/dev/null 2>&1 &
  a=$!
  until [ -f D/checkpoint.json ]; do sleep 0.02; done
  sleep 0.$((RANDOM % 5))
  cfg=$(md5sum < D/config.json)
  if [ $((i % 2)) = 0 ]; then dotnet "$DLL" selfplay -T 50 --seed 9 --out D --force >/dev/null 2>b.err; else dotnet "$DLL" selfplay --resume D >/dev/null 2>b.err; fi
  b=$?
  alive=0; kill -0 $a 2>/dev/null && alive=1
  kill -9 $a 2>/dev/null; wait $a 2>/dev/null
  ok=$(python3 - <<'PY'
import json
try:
    c = json.load(open("D/checkpoint.json")); n = c["metrics_bytes"] if "metrics_bytes" in c else None
    data = open("D/metrics.jsonl", "rb").read()
    prefix = data[:n] if n is not None else data
    lines = prefix.decode().split("\n")
    assert lines[-1] == ""
    its = [json.loads(l)["iteration"] for l in lines[:-1]]
    print(1 if its == list(range(1, c["iteration"] + 1)) else 0)
except Exception as e:
    print(0)
PY
)
  if [ "$b" = 2 ] && [ "$alive" = 1 ] && [ "$ok" = 1 ] && [ "$cfg" = "$(md5sum < D/config.json)" ] && [ "$(wc -l < b.err)" = 1 ]; then
    clean=$((clean + 1))
  else
    echo "trial $i: second exit $b, first still running $alive, consistent $ok: $(head -c 200 b.err)"
  fi
done
echo "two-writer trials clean: $clean of $N"
