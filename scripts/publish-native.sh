#!/usr/bin/env bash
# Publishes the rebel CLI ahead of time (NativeAOT) as one native executable for this machine:
#
#   scripts/publish-native.sh            -> artifacts/native/rebel (prints its path)
#
# The native build starts in ~20 ms instead of ~0.35 s and never compiles at run time, which is what a sweep of
# short runs spends its serial start-up and its second core on (bench/RESULTS.md, issue 26). Its results are those
# of the JIT build bit for bit (scripts/ci/native-test.sh checks it). It needs clang and zlib1g-dev (Debian) besides
# the .NET SDK, and targets this machine's instruction set (IlcInstructionSet=native: AVX2/AVX-512 where the CPU has
# them, as the JIT would use); copy it only to machines with the same CPU features. TrimMode=partial keeps Rebel's own
# assemblies whole (the option records and some JSON are read by reflection); libSkiaSharp.so and libHarfBuzzSharp.so
# sit beside the executable for the charts. The compiler's warnings about reflection and single-file use (in Rebel and
# in its packages) are not errors here: what they warn of is what native-test.sh runs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/artifacts/native"
command -v dotnet >/dev/null || { echo "publish-native.sh: the .NET SDK (dotnet) is required" >&2; exit 2; }
command -v clang >/dev/null || { echo "publish-native.sh: clang is required (Debian: apt-get install clang zlib1g-dev)" >&2; exit 2; }

rm -rf "$out"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# The publish's own output (the compiler's warnings) is shown only when it fails.
dotnet publish "$root/src/Rebel.Cli/Rebel.Cli.csproj" -c Release -r linux-x64 -o "$out" \
  -p:PublishAot=true -p:IlcInstructionSet=native -p:TrimMode=partial -p:JsonSerializerIsReflectionEnabledByDefault=true \
  -p:EnableAotAnalyzer=false -p:EnableTrimAnalyzer=false -p:SuppressAotAnalysisWarnings=true \
  -p:SuppressTrimAnalysisWarnings=true -p:TreatWarningsAsErrors=false -p:DebugType=none -p:GenerateDocumentationFile=false \
  -nologo -v quiet </dev/null >"$log" 2>&1 || { cat "$log" >&2; echo "publish-native.sh: dotnet publish failed" >&2; exit 1; }
"$out/rebel" --version >/dev/null || { echo "publish-native.sh: the published $out/rebel does not start" >&2; exit 1; }
echo "$out/rebel"
