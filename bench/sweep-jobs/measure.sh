#!/usr/bin/env bash
# Issue 26 §3: `sweep --jobs 2` against `--jobs 1` on the same 24 short runs, and the peer: the same 24 runs as
# separate `rebel selfplay` processes, two at a time (xargs -P 2, what GNU parallel -j2 does). Wall and CPU time of
# each, alternated `ROUNDS` times (default 3); prints one line per measurement and the medians' ratios.
# The peer's own speed-up is xargs -P 2 against -P 1.
# Usage: measure.sh [path/to/rebel.dll | path/to/native/rebel]; needs a Release build (or scripts/publish-native.sh's
# executable) and a quiet machine (say the load average beside it).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DLL=${1:-$ROOT/src/Rebel.Cli/bin/Release/net10.0/rebel.dll}
# A .dll runs under dotnet; anything else is the native executable itself.
if [[ $DLL == *.dll ]]; then REBEL="dotnet '$DLL'"; else REBEL="'$DLL'"; fi
ROUNDS=${ROUNDS:-3}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
GRID=(--pref-model condorcet --algos rebel,omwu --grid eta=0.05,0.1,0.2 --grid samples=2,4 --seeds 2 -T 20000)
# The peer's 24 command lines: the sweep's grid written out.
for algo in rebel omwu; do for eta in 0.05 0.1 0.2; do for k in 2 4; do for seed in 0 1; do
  echo "selfplay --pref-model condorcet --algo $algo --eta $eta --samples $k --seed $seed -T 20000 --out $W/peer/$algo-$eta-$k-$seed"
done; done; done; done > "$W/lines"
measure() { # name command...: prints "name wall user+sys"
  local name=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$W/t" "$@" >/dev/null 2>&1
  read -r wall user sys < "$W/t"
  echo "$name $wall $(echo "$user + $sys" | bc)"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
for r in $(seq "$ROUNDS"); do
  rm -rf "$W/j1" "$W/j2" "$W/peer"
  measure jobs1 sh -c "$REBEL sweep ${GRID[*]} --jobs 1 --out '$W/j1'"
  measure jobs2 sh -c "$REBEL sweep ${GRID[*]} --jobs 2 --out '$W/j2'"
  rm -rf "$W/peer"
  measure xargs1 sh -c "xargs -P 1 -L 1 $REBEL < '$W/lines'"
  rm -rf "$W/peer"
  measure xargs2 sh -c "xargs -P 2 -L 1 $REBEL < '$W/lines'"
done | tee "$W/all"
median() { grep "^$1 " "$W/all" | awk -v c="$2" '{print $c}' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
j1=$(median jobs1 2); j2=$(median jobs2 2); x1=$(median xargs1 2); x2=$(median xargs2 2)
echo "median wall: sweep --jobs 1 $j1 s, --jobs 2 $j2 s (speed-up $(echo "scale=2; $j1 / $j2" | bc)x); xargs -P1 $x1 s, -P2 $x2 s (speed-up $(echo "scale=2; $x1 / $x2" | bc)x)"
echo "median CPU: sweep --jobs 1 $(median jobs1 3) s, --jobs 2 $(median jobs2 3) s; xargs -P1 $(median xargs1 3) s, -P2 $(median xargs2 3) s"
