#!/usr/bin/env bash
# Greedy generation tokens/s of one Hugging Face GPT-2 directory in Rebel (TorchBench --generate, key/value cache) and
# PyTorch eager (generate.py, the cache as transformers keeps it), interleaved, plus both without a cache.
# Usage: bench/generation/compare.sh [repeats] [extra args for both, e.g. --batch 4 --new-tokens 64]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
repeats="${1:-2}"; shift || true
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
model="${MODEL:-$(mktemp -d)/gpt2-d128}"
[ -f "$model/config.json" ] || /usr/bin/python3 "$root/bench/generation/generate.py" --make "$model" --d-model 128 --layers 2 --context 128
dotnet build -c Release "$root/bench/torch/TorchBench" -v q -nologo >/dev/null
bench="$root/bench/torch/TorchBench/bin/Release/net10.0/TorchBench.dll"
for _ in $(seq "$repeats"); do
  /usr/bin/python3 "$root/bench/generation/generate.py" "$model" "$@"
  dotnet "$bench" --generate "$model" "$@"
done
/usr/bin/python3 "$root/bench/generation/generate.py" "$model" --no-cache "$@"
dotnet "$bench" --generate "$model" --no-cache 1 "$@"
