#!/usr/bin/env bash
# Builds the libtorch shim into native/rebel_torch/build/librebel_torch.so.
# CPU: Debian's libtorch-dev (installed with apt-get when missing). CUDA: set TORCH_CMAKE_PREFIX to the
# libtorch of a PyTorch install, e.g. $(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)').
# Idempotent: an up-to-date build returns in about a second.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/rebel_torch"
build="$src/build"

if [[ -z "${TORCH_CMAKE_PREFIX:-}" ]]; then
  if ! command -v cmake >/dev/null || [[ ! -d /usr/lib/x86_64-linux-gnu/cmake/Torch ]]; then
    echo "build.sh: installing libtorch-dev and cmake with apt-get" >&2
    sudo_cmd=""
    if [[ "$(id -u)" != 0 ]]; then sudo_cmd="sudo"; fi
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq libtorch-dev cmake
  fi
  TORCH_CMAKE_PREFIX=/usr/lib/x86_64-linux-gnu/cmake/Torch
fi

if [[ ! -f "$build/CMakeCache.txt" ]] || ! grep -q "CMAKE_PREFIX_PATH:UNINITIALIZED=$TORCH_CMAKE_PREFIX\$" "$build/CMakeCache.txt"; then
  rm -rf "$build"
  cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$TORCH_CMAKE_PREFIX" >/dev/null
fi
cmake --build "$build" --parallel "$(nproc)"
echo "$build/librebel_torch.so"
