#!/usr/bin/env bash
# Issue 24: tokens/s of `rebel selfplay --policy neural` in one process against two data-parallel ranks (Gloo, torchrun)
# with the same global batch and seed. Tokens are the sampled response tokens (samples × length, from metrics.jsonl);
# the time is the run's own clock at its last iteration (metrics.jsonl's "seconds"; the run evaluates exactly only its
# first and last iterations, the same work in both setups).
#   bench/distributed/measure.sh [iterations, default 8] [d_model, default 32] [layers, default 2]
# Needs a Release build of src/Rebel.Cli, the shim (REBEL_TORCH_LIB) and Debian's torchrun (python3-torch).
set -euo pipefail
T=${1:-8}
D=${2:-32}
L=${3:-2}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
REBEL=(dotnet "$ROOT/src/Rebel.Cli/bin/Release/net10.0/rebel.dll")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
RUN=(selfplay --policy neural --pref-model seq-majority:vocab=4,length=4,prompts=4 --d-model "$D" --layers "$L" --heads 2
  --prompts 32 --samples 4 --epochs 4 --batch 8 --eval-every 1000 --seed 0 -T "$T")

rate() {
  /usr/bin/python3 - "$1" <<'PY'
import json, sys
last = json.loads(open(sys.argv[1] + "/metrics.jsonl").readlines()[-1])
print(f"{last['samples'] * 4 / last['seconds']:.0f} tokens/s ({last['seconds']:.1f} s)")
PY
}

"${REBEL[@]}" "${RUN[@]}" --threads 1 --out one1 >/dev/null 2>&1
"${REBEL[@]}" "${RUN[@]}" --threads 2 --out one2 >/dev/null 2>&1
# Debian's torchrun 1.13 under Python 3.11 cannot parse its default --redirects/--tee "0" (Std enum); 1 works.
torchrun --standalone --nproc_per_node 2 --redirects 1 --tee 1 --no_python "${REBEL[@]}" "${RUN[@]}" --threads 1 --out two >/dev/null 2>&1
echo "1 process, 1 thread:  $(rate one1)"
echo "1 process, 2 threads: $(rate one2)"
echo "2 ranks (Gloo), 1 thread each: $(rate two)"
