#!/usr/bin/env bash
# Interleaved CPU comparison of the libtorch binding (TorchBench) and PyTorch eager (rebel_step.py) on the same
# libtorch (Debian libtorch 1.13 / python3-torch 1.13). Usage: bench/torch/compare.sh [repeats] [extra args...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
repeats="${1:-2}"; shift || true
# Both sides use one thread; OpenBLAS (when it is the selected libblas.so.3) would otherwise start one per core.
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
"$root/native/build.sh" >/dev/null
dotnet build -c Release "$root/bench/torch/TorchBench" -v q -nologo >/dev/null
for _ in $(seq "$repeats"); do
  /usr/bin/python3 "$root/bench/torch/rebel_step.py" "$@"
  dotnet "$root/bench/torch/TorchBench/bin/Release/net10.0/TorchBench.dll" "$@"
done
