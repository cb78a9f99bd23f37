#!/usr/bin/env bash
# The native build (scripts/publish-native.sh) against the JIT build: publishes it, then checks that it starts, that
# its help and algorithm list are the JIT build's, and that runs give the JIT build's metrics bit for bit (all but
# the wall-clock `seconds`): sampled REBEL on the default game, exact mirror descent on 200 contexts, a sweep of two runs
# at a time, and a run killed mid-way and resumed against the same run uninterrupted.
#
#   scripts/ci/native-test.sh
#
# Exit 0 with "native-test: SKIPPED: <reason>" where clang is missing; exit 1 on any difference.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

fail() { echo "native-test: FAILED: $*" >&2; exit 1; }
command -v clang >/dev/null || { echo "native-test: SKIPPED: clang is not installed (apt-get install clang zlib1g-dev)"; exit 0; }

native=$(scripts/publish-native.sh)
jit=(dotnet "$PWD/src/Rebel.Cli/bin/Release/net10.0/rebel.dll")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
same_metrics() { # dir dir: metrics.jsonl equal but for the seconds field
  cmp -s <(sed -E 's/"seconds":[^,}]*//' "$1/metrics.jsonl") <(sed -E 's/"seconds":[^,}]*//' "$2/metrics.jsonl")
}

for args in "algorithms" "selfplay --help" "sweep --help" "games"; do
  # shellcheck disable=SC2086
  cmp -s <("${jit[@]}" $args 2>&1) <("$native" $args 2>&1) || fail "'rebel $args' differs from the JIT build's"
done

runs=(
  "selfplay"
  "selfplay --pref-model contextual:family=gpm,contexts=200,n=16 --algo mirror-descent -T 300"
  "selfplay --pref-model random:n=10 --algo nash-md-pg --loss sampled --samples 20 --tau 0.1 -T 300"
)
for k in "${!runs[@]}"; do
  # shellcheck disable=SC2086
  "${jit[@]}" ${runs[$k]} --out "$work/jit$k" >/dev/null 2>&1 || fail "the JIT build failed: rebel ${runs[$k]}"
  # shellcheck disable=SC2086
  "$native" ${runs[$k]} --out "$work/native$k" >/dev/null 2>&1 || fail "the native build failed: rebel ${runs[$k]}"
  same_metrics "$work/jit$k" "$work/native$k" || fail "rebel ${runs[$k]}: the native build's metrics differ from the JIT build's"
done

sweep=(sweep --pref-model condorcet --algos rebel,omwu --grid eta=0.1,0.2 --seeds 2 -T 500)
"${jit[@]}" "${sweep[@]}" --jobs 2 --out "$work/sweep-jit" >/dev/null 2>&1 || fail "the JIT build's sweep failed"
"$native" "${sweep[@]}" --jobs 2 --out "$work/sweep-native" >/dev/null 2>&1 || fail "the native build's sweep failed"
cmp -s <(cut -d, -f1-12 "$work/sweep-jit/results.csv") <(cut -d, -f1-12 "$work/sweep-native/results.csv") \
  || fail "the native build's sweep results differ from the JIT build's"

# Killed after its first checkpoints, resumed, then compared with the same run left alone.
killed=(selfplay --pref-model gpm:n=64 --algo mirror-descent -T 3000000 --log-every 3000 --checkpoint-seconds 0.1)
(timeout -s KILL 1 "$native" "${killed[@]}" --out "$work/killed" >/dev/null 2>&1 || true) 2>/dev/null
[[ -f $work/killed/checkpoint.json ]] || fail "the native run killed after 1 s left no checkpoint"
grep -q '"iteration": *3000000[,}]' "$work/killed/checkpoint.json" && fail "the run to be killed finished within 1 s: make it longer"
"$native" selfplay --resume "$work/killed" >/dev/null 2>&1 || fail "the native build did not resume its killed run"
"$native" "${killed[@]}" --out "$work/whole" >/dev/null 2>&1 || fail "the native build's uninterrupted run failed"
same_metrics "$work/killed" "$work/whole" || fail "the native build's resumed run differs from the uninterrupted one"
echo "native-test: passed: the native build ($native) gives the JIT build's help, runs and sweep, and resumes a killed run bit for bit"
