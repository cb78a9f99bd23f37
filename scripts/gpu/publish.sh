#!/usr/bin/env bash
# Publishes the rebel CLI as one self-contained, trimmed, compressed linux-x64 executable that runs on a machine
# without the .NET SDK (scripts/gpu/run.sh uses it there):
#
#   scripts/gpu/publish.sh            -> scripts/gpu/dist/rebel (prints its path and size)
#
# TrimMode=partial trims only the framework: Rebel's own assemblies keep every member, because the option records
# are read by reflection (OptionFields) and some JSON goes through reflection-based System.Text.Json, which a
# trimmed app otherwise switches off (JsonSerializerIsReflectionEnabledByDefault). The native libtorch shim is not
# part of the publish: run.sh builds it on the target against that machine's libtorch.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/scripts/gpu/dist"
command -v dotnet >/dev/null || { echo "publish.sh: the .NET SDK (dotnet) is required to publish; run.sh itself needs none" >&2; exit 2; }

rm -rf "$out"
dotnet publish "$root/src/Rebel.Cli/Rebel.Cli.csproj" -c Release -r linux-x64 --self-contained -o "$out" \
  -p:PublishTrimmed=true -p:TrimMode=partial -p:JsonSerializerIsReflectionEnabledByDefault=true \
  -p:PublishSingleFile=true -p:EnableCompressionInSingleFile=true -p:DebugType=none -p:GenerateDocumentationFile=false \
  -p:SuppressTrimAnalysisWarnings=true -nologo -v quiet </dev/null >&2
# A trimmed binary that no longer starts is the failure this guards against.
"$out/rebel" --version >/dev/null || { echo "publish.sh: the published $out/rebel does not start" >&2; exit 1; }
echo "$out/rebel $(du -m "$out/rebel" | cut -f1) MB" >&2
echo "$out/rebel"
