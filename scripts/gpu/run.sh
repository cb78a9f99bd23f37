#!/usr/bin/env bash
# Rebel against PyTorch eager on one machine, in one go, with no .NET SDK there (native/README.md, "GPU in one script"):
#
#   scripts/gpu/run.sh [--device cuda|cpu] [--size tiny|bench] [--iterations N] [--out FILE.json]
#
# 1. finds a python3 with torch (PYTHON overrides), and for --device cuda checks that it sees a GPU;
# 2. builds the libtorch shim against that PyTorch's libtorch (native/build.sh, TORCH_DIR route: g++ only, no nvcc or
#    CMake), or against Debian's libtorch-dev when the PyTorch has no headers (Debian's python3-torch); REBEL_TORCH_LIB
#    set to an existing library skips the build; with REBEL_NCCL=1 that build also compiles c10d's NCCL process group,
#    for data-parallel runs on several GPUs (docs/distributed.md; not yet compiled on a GPU machine);
# 3. runs `rebel selfplay --policy neural` (the self-contained publish of scripts/gpu/publish.sh, scripts/gpu/dist/rebel;
#    REBEL overrides) and bench/torch/rebel_step.py with the same transformer and REBEL step (32 prompts × 4 responses,
#    2 epochs of minibatches of 8, AdamW lr 1e-3, η = 1, one CPU thread);
# 4. writes ONE JSON object to FILE (default scripts/gpu/results-DEVICE.json): tokens/s of both, their ratio, Rebel's
#    final duality gaps, versions and the device. The run directory of Rebel is kept beside it (FILE without .json + .run).
#
# Tokens/s count the sampled response tokens of the timed iterations: Rebel's from the metrics' cumulative seconds
# between the end of the warm-up and the end of iteration T−1 (the first and last iterations also evaluate π exactly
# over every sequence, which PyTorch's twin does not do, so they are left out); PyTorch's over its own timed iterations.
# The two oracles differ (Rebel: the game's preference matrix; the twin: a token-sum oracle), which costs microseconds.
# Exit codes: 0 done, 2 a missing prerequisite or bad flag (one line saying what), 1 a step that failed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
die() { echo "run.sh: $1" >&2; exit "${2:-2}"; }

device=cuda size=bench iterations="" out=""
while (($#)); do
  case "$1" in
    --device) device="${2:-}"; shift 2 || die "--device needs a value (cuda or cpu)" ;;
    --size) size="${2:-}"; shift 2 || die "--size needs a value (tiny or bench)" ;;
    --iterations) iterations="${2:-}"; shift 2 || die "--iterations needs a value" ;;
    --out) out="${2:-}"; shift 2 || die "--out needs a file" ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
[[ "$device" == cpu || "$device" == cuda || "$device" =~ ^cuda:[0-9]+$ ]] || die "--device $device: expected cpu, cuda or cuda:N"
case "$size" in
  # d_model 16, one layer, 27 sequences: CI on two cores in well under a minute.
  tiny) game="seq-majority:vocab=3,length=3"; vocab=3 length=3 d_model=16 layers=1 heads=2; : "${iterations:=6}" ;;
  # bench/torch's model (d_model 128, 2 layers) on a game of 4,096 sequences.
  bench) game="seq-majority:vocab=4,length=6"; vocab=4 length=6 d_model=128 layers=2 heads=4; : "${iterations:=40}" ;;
  *) die "--size $size: expected tiny or bench" ;;
esac
[[ "$iterations" =~ ^[0-9]+$ && "$iterations" -ge 4 ]] || die "--iterations $iterations: at least 4 (a warm-up, timed ones, and the evaluated last)"
warmup=1
timed=$((iterations - 1 - warmup))
out="${out:-$root/scripts/gpu/results-${device%%:*}.json}"
mkdir -p "$(dirname "$out")" || die "--out $out: cannot create its directory"
rundir="${out%.json}.run"

# 1. PyTorch.
python=""
for candidate in ${PYTHON:-python3 python /usr/bin/python3}; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import torch' 2>/dev/null; then python="$candidate"; break; fi
done
[[ -n "$python" ]] || die "no python3 with torch found (tried ${PYTHON:-python3 python /usr/bin/python3}); install PyTorch or set PYTHON"
torch_info="$("$python" -c 'import torch, os; print(torch.__version__, torch.version.cuda or "none", int(torch.cuda.is_available()), os.path.dirname(torch.__file__), int(torch._C._GLIBCXX_USE_CXX11_ABI))')"
read -r torch_version torch_cuda cuda_ok torch_dir cxx11_abi <<<"$torch_info"
if [[ "$device" == cuda* && "$cuda_ok" != 1 ]]; then
  die "--device $device: PyTorch $torch_version ($python, CUDA $torch_cuda) sees no CUDA device; use --device cpu on this machine"
fi

# 2. The shim.
if [[ -n "${REBEL_TORCH_LIB:-}" ]]; then
  [[ -f "$REBEL_TORCH_LIB" ]] || die "REBEL_TORCH_LIB=$REBEL_TORCH_LIB: no such file"
  shim="$REBEL_TORCH_LIB" shim_route="REBEL_TORCH_LIB"
elif [[ -d "$torch_dir/include/torch" && -f "$torch_dir/lib/libtorch_cpu.so" ]]; then
  command -v g++ >/dev/null || die "g++ is needed to build the shim against $torch_dir (apt-get install g++)"
  echo "run.sh: building the shim against $torch_dir (PyTorch $torch_version)" >&2
  shim="$(TORCH_DIR="$torch_dir" TORCH_CXX11_ABI="$cxx11_abi" TORCH_VERSION="$torch_version" bash "$root/native/build.sh")" || die "native/build.sh failed against $torch_dir" 1
  shim_route="TORCH_DIR=$torch_dir"
else
  # Debian's python3-torch keeps its headers in libtorch-dev: the default CMake route.
  echo "run.sh: $torch_dir has no C++ headers; building the shim against the system libtorch (native/build.sh)" >&2
  shim="$(bash "$root/native/build.sh")" || die "native/build.sh failed" 1
  shim_route="system libtorch"
fi
export REBEL_TORCH_LIB="$shim"

# 3. Rebel, then PyTorch.
rebel="${REBEL:-$root/scripts/gpu/dist/rebel}"
# A copy that lost the executable bit (an archive or upload without modes) is still the binary.
[[ -f "$rebel" && ! -x "$rebel" ]] && chmod +x "$rebel" 2>/dev/null
[[ -x "$rebel" ]] || die "$rebel: no rebel executable; make it with scripts/gpu/publish.sh on a machine with the .NET SDK and copy scripts/gpu/dist along (or set REBEL)"
rebel_version="$("$rebel" --version 2>&1 | head -n 1)" || die "$rebel does not start: $rebel_version" 1
rm -rf "$rundir"
echo "run.sh: rebel selfplay --policy neural on $game, $iterations iterations, --device $device" >&2
"$rebel" selfplay --policy neural --algo rebel --pref-model "$game" --iterations "$iterations" --seed 1 \
  --d-model "$d_model" --layers "$layers" --heads "$heads" --prompts 32 --samples 4 --epochs 2 --batch 8 --lr 0.001 --eta 1 \
  --threads 1 --eval-every "$((iterations + 1))" --checkpoint-seconds 1000000 --device "$device" --out "$rundir" >&2 \
  || { status=$?; ((status == 2)) && exit 2; die "rebel selfplay failed (exit $status)" 1; }  # 2: rebel said why, on one line
echo "run.sh: bench/torch/rebel_step.py, $timed timed iterations after $warmup, --device $device" >&2
pytorch_json="$("$python" "$root/bench/torch/rebel_step.py" --device "$device" --vocab "$vocab" --context "$((length + 1))" \
  --length "$length" --d-model "$d_model" --layers "$layers" --heads "$heads" --threads 1 \
  --iterations "$timed" --warmup "$warmup" --json)" || die "bench/torch/rebel_step.py failed" 1

# 4. One JSON, written atomically.
"$python" - "$rundir/metrics.jsonl" "$out" "$pytorch_json" <<PY || die "could not write $out" 1
import json, os, platform, subprocess, sys
import torch
metrics_path, out = sys.argv[1], sys.argv[2]
lines = [json.loads(l) for l in open(metrics_path)]
warmup, timed, tokens_per_iteration = $warmup, $timed, 32 * 4 * $length
seconds = lines[warmup + timed - 1]["seconds"] - lines[warmup - 1]["seconds"]
rebel_tps = timed * tokens_per_iteration / seconds
pytorch = json.loads(sys.argv[3])
def tool(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
    except Exception:
        return None
cuda = "$device".startswith("cuda")
result = {
    "format": "rebel-gpu-run/1",
    "device": "$device",
    "device_name": torch.cuda.get_device_name(torch.device("$device")) if cuda else tool("sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-"),
    "size": "$size",
    "model": {"vocab": $vocab, "length": $length, "context": $length + 1, "d_model": $d_model, "layers": $layers, "heads": $heads},
    "step": {"prompts": 32, "samples": 4, "epochs": 2, "minibatch": 8, "lr": 0.001, "eta": 1.0, "threads": 1},
    "game": "$game",
    "iterations": $iterations, "warmup": warmup, "timed_iterations": timed, "tokens_per_iteration": tokens_per_iteration,
    "rebel": {"tokens_per_s": rebel_tps, "seconds": seconds, "final_dg_last": lines[-1]["dg_last"], "final_dg_avg": lines[-1]["dg_avg"],
              "run_directory": os.path.abspath("$rundir"),
              "policy_weights": next((p for p in [os.path.abspath("$rundir/policy.safetensors")] if os.path.exists(p)), None)},
    "pytorch": pytorch,
    "ratio_rebel_over_pytorch": rebel_tps / pytorch["tokens_per_s"],
    "versions": {"rebel": "$rebel_version", "torch": torch.__version__, "torch_cuda": torch.version.cuda,
                 "cudnn": torch.backends.cudnn.version() if cuda else None, "python": platform.python_version(),
                 "shim": "$shim", "shim_built_with": "$shim_route", "gxx": tool("g++", "--version"), "nvcc": tool("sh", "-c", "nvcc --version 2>/dev/null | tail -n 1"),
                 "driver": tool("nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader") if cuda else None},
}
tmp = out + ".tmp"
with open(tmp, "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
os.replace(tmp, out)
print(json.dumps({k: result[k] for k in ("device", "ratio_rebel_over_pytorch")} | {"rebel_tokens_per_s": rebel_tps, "pytorch_tokens_per_s": pytorch["tokens_per_s"], "final_dg_last": result["rebel"]["final_dg_last"]}))
PY
echo "$out"
