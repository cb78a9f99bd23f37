#!/usr/bin/env bash
# The heap setting of Rebel.Torch (HeapReuse) measured: alternates Rebel with glibc's defaults (REBEL_TORCH_HEAP=system),
# Rebel as it runs (freed blocks kept in the heap) and PyTorch eager (rebel_step.py, glibc's defaults), on GPT-2's
# vocabulary, where the logits are the largest tensors. Usage: bench/torch/heap.sh [repeats] [extra args...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
repeats="${1:-3}"; shift || true
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
"$root/native/build.sh" >/dev/null
dotnet build -c Release "$root/bench/torch/TorchBench" -v q -nologo >/dev/null
args=(--vocab 50257 --iterations 2 --warmup 1 "$@")
bench="$root/bench/torch/TorchBench/bin/Release/net10.0/TorchBench.dll"
for _ in $(seq "$repeats"); do
  echo "heap=system  $(REBEL_TORCH_HEAP=system dotnet "$bench" "${args[@]}")"
  echo "heap=reuse   $(dotnet "$bench" "${args[@]}")"
  echo "pytorch      $(/usr/bin/python3 "$root/bench/torch/rebel_step.py" "${args[@]}")"
done
