#!/usr/bin/env bash
# Builds the libtorch shim into native/rebel_torch/build/librebel_torch.so and prints its path.
#
#   native/build.sh                      CPU: Debian's libtorch-dev + cmake (apt-get installs them when missing)
#   TORCH_CMAKE_PREFIX=DIR native/build.sh   CMake against another libtorch, e.g. a PyTorch install's:
#                                        $(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')
#   TORCH_DIR=DIR native/build.sh        plain g++ against a libtorch tree (DIR/include, DIR/lib), e.g.
#                                        $(python3 -c 'import torch, os; print(os.path.dirname(torch.__file__))');
#                                        for CUDA wheels whose CMake config wants a CUDA toolkit the machine lacks.
#                                        TORCH_CXX11_ABI (0/1) and TORCH_VERSION default to what python3's torch says;
#                                        the version picks -std=c++17 or c++20 (PyTorch >= 2.12). scripts/gpu/run.sh uses this.
#                                        REBEL_NCCL=1 also compiles c10d's NCCL process group (docs/distributed.md).
#
# Idempotent: an up-to-date build returns in about a second.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/rebel_torch"
build="$src/build"
sources=(tensor ops autograd optim serialize device distributed)

as_root() { if [[ "$(id -u)" == 0 ]]; then "$@"; else sudo "$@"; fi; }

# The C++ standard libtorch's headers need: C++17 up to PyTorch 2.11, C++20 from 2.12 on (ATen's #error).
cxx_standard() {
  local major minor
  IFS=. read -r major minor _ <<<"${1%%+*}"
  if ((major > 2 || (major == 2 && minor >= 12))); then echo c++20; else echo c++17; fi
}

build_direct() {
  local torch="$1" abi="${TORCH_CXX11_ABI:-}" version="${TORCH_VERSION:-}"
  if [[ -z "$abi" ]]; then
    abi="$(python3 -c 'import torch; print(int(torch._C._GLIBCXX_USE_CXX11_ABI))' 2>/dev/null || echo 1)"
  fi
  if [[ -z "$version" ]]; then
    version="$(python3 -c 'import torch; print(torch.__version__)' 2>/dev/null || echo 2.0)"
  fi
  local std
  std="$(cxx_standard "$version")"
  # Objects of another libtorch or standard are stale even when the sources are not.
  local stamp="$torch $abi $std"
  if [[ ! -f "$build/direct/stamp" || "$(cat "$build/direct/stamp")" != "$stamp" ]]; then rm -rf "$build/direct"; fi
  mkdir -p "$build/direct"
  echo "$stamp" >"$build/direct/stamp"
  local flags=(-std="$std" -O2 -fPIC -fvisibility=hidden -D_GLIBCXX_USE_CXX11_ABI="$abi"
    -I"$src/src" -isystem "$torch/include" -isystem "$torch/include/torch/csrc/api/include")
  # c10d: Gloo when the libtorch tree ships Gloo's headers; NCCL too with REBEL_NCCL=1 on a CUDA build (its headers
  # need NCCL's nccl.h — the tree's, a pip wheel's nvidia/nccl, or NCCL_INCLUDE — and the CUDA runtime's headers,
  # CUDA_INCLUDE). Opt-in: it has not been compiled on a GPU machine yet (docs/distributed.md).
  if [[ -f "$torch/include/gloo/config.h" ]]; then flags+=(-DRT_GLOO -DUSE_C10D_GLOO); fi
  if [[ "${REBEL_NCCL:-0}" == 1 && -f "$torch/lib/libtorch_cuda.so" ]]; then
    local nccl="${NCCL_INCLUDE:-$torch/../nvidia/nccl/include}" cuda="${CUDA_INCLUDE:-$torch/../nvidia/cuda_runtime/include}"
    flags+=(-DRT_NCCL -DUSE_C10D_NCCL)
    if [[ -f "$nccl/nccl.h" ]]; then flags+=(-isystem "$nccl"); fi
    if [[ -d "$cuda" ]]; then flags+=(-isystem "$cuda"); fi
  fi
  local objects=() pids=()
  for s in "${sources[@]}"; do
    local o="$build/direct/$s.o"
    objects+=("$o")
    if [[ ! -f "$o" || "$src/src/$s.cpp" -nt "$o" || "$src/src/shim.h" -nt "$o" || "$0" -nt "$o" ]]; then
      g++ "${flags[@]}" -c "$src/src/$s.cpp" -o "$o" & pids+=($!)
    fi
  done
  for p in "${pids[@]}"; do wait "$p"; done
  # libtorch_cuda registers the CUDA kernels at load time, so it is linked even though no symbol is used.
  local cuda=()
  if [[ -f "$torch/lib/libtorch_cuda.so" ]]; then cuda=(-Wl,--no-as-needed -ltorch_cuda -Wl,--as-needed); fi
  g++ -shared -o "$build/librebel_torch.so" "${objects[@]}" -L"$torch/lib" -Wl,-rpath,"$torch/lib" \
    "${cuda[@]}" -ltorch -ltorch_cpu -lc10
}

if [[ -n "${TORCH_DIR:-}" ]]; then
  build_direct "$TORCH_DIR"
  echo "$build/librebel_torch.so"
  exit 0
fi

if [[ -z "${TORCH_CMAKE_PREFIX:-}" ]]; then
  if ! command -v cmake >/dev/null || [[ ! -d /usr/lib/x86_64-linux-gnu/cmake/Torch || ! -f /usr/include/gloo/config.h ]]; then
    echo "build.sh: installing libtorch-dev, libgloo-dev and cmake with apt-get" >&2
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq libtorch-dev libgloo-dev cmake g++ >/dev/null
  fi
  TORCH_CMAKE_PREFIX=/usr/lib/x86_64-linux-gnu/cmake/Torch
fi

if [[ ! -f "$build/CMakeCache.txt" ]] || ! grep -qx "CMAKE_PREFIX_PATH:UNINITIALIZED=$TORCH_CMAKE_PREFIX" "$build/CMakeCache.txt"; then
  rm -rf "$build"
  cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$TORCH_CMAKE_PREFIX" >/dev/null
fi
cmake --build "$build" --parallel "$(nproc)" >/dev/null
echo "$build/librebel_torch.so"
