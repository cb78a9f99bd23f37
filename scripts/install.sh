#!/usr/bin/env bash
# Installs the rebel command as a .NET tool, built in Release from this checkout:
#
#   scripts/install.sh                     -> `rebel` in ~/.dotnet/tools (dotnet tool install --global)
#   scripts/install.sh --tool-path DIR     -> DIR/rebel, nothing outside DIR touched
#
# It packs src/Rebel.Cli (PackAsTool) into artifacts/packages and installs that package, replacing an earlier
# install of the same version (a rebuilt package keeps its version number, so `dotnet tool update` would keep the
# old files). The neural policies also need the libtorch shim: build it with native/build.sh and point
# REBEL_TORCH_LIB at native/rebel_torch/build/librebel_torch.so (an installed tool cannot find the checkout).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v dotnet >/dev/null || { echo "install.sh: the .NET 10 SDK (dotnet) is required, see global.json" >&2; exit 2; }
where=(--global)
if [[ $# -gt 0 ]]; then
  [[ $# == 2 && $1 == --tool-path && -n $2 ]] || { echo "install.sh: the only option is --tool-path DIR" >&2; exit 2; }
  where=(--tool-path "$2")
fi

packages="$root/artifacts/packages"
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props")
rm -f "$packages"/Rebel.Cli.*.nupkg
dotnet pack "$root/src/Rebel.Cli/Rebel.Cli.csproj" -c Release -o "$packages" -nologo -v quiet </dev/null >&2
dotnet tool uninstall "${where[@]}" Rebel.Cli </dev/null >/dev/null 2>&1 || true
dotnet tool install "${where[@]}" --add-source "$packages" --version "$version" Rebel.Cli </dev/null >&2

if [[ ${where[0]} == --global ]]; then
  case ":$PATH:" in
    *":$HOME/.dotnet/tools:"*) ;;
    *) echo "install.sh: add ~/.dotnet/tools to PATH to run rebel: export PATH=\"\$PATH:\$HOME/.dotnet/tools\"" >&2 ;;
  esac
fi
