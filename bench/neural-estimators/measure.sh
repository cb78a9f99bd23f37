#!/usr/bin/env bash
# Neural REBEL's estimators on an enumerable intransitive sequence game (docs/sampled-self-play.md §8): leave-one-out
# (the default), importance-weighted without exploration, and importance-weighted with the uniform exploration mixture
# γ = 0.3; exact dg_avg / dg_last over seeds 0..N-1, fixed before looking. summary.py prints the table.
# Usage: bench/neural-estimators/measure.sh OUT_DIR [seeds] [T]. Needs the shim (native/build.sh) and a Release build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$1"; seeds="${2:-10}"; horizon="${3:-150}"
mkdir -p "$out"
rebel=(dotnet "$root/src/Rebel.Cli/bin/Release/net10.0/rebel.dll")
common=(selfplay --game seq-majority:vocab=3,length=3,annotators=3,seed=1 --algo rebel --policy neural -T "$horizon" --log-every 10 --device cpu)
declare -A arms=([loo]="" [iw0]="--estimator importance-weighted --explore 0" [iw3]="--estimator importance-weighted --explore 0.3")
for ((s = 0; s < seeds; s++)); do
  for arm in loo iw0 iw3; do
    dir="$out/$arm-$s"
    [[ -f $dir/policy.json ]] && continue
    # shellcheck disable=SC2086
    "${rebel[@]}" "${common[@]}" ${arms[$arm]} --seed "$s" --out "$dir" --force >/dev/null 2>"$dir.log"
  done
done
/usr/bin/python3 "$root/bench/neural-estimators/summary.py" "$out" "$seeds"
