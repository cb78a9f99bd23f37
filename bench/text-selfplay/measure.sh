#!/usr/bin/env bash
# Issue 21, item 6 on generated text: does exploit_pool_est fall with T under REBEL while a policy that does not
# learn (lr 1e-12) stays flat? Seeds 0..N-1 of both arms, fixed before looking; summary.py prints the table.
# Usage: bench/text-selfplay/measure.sh OUT_DIR [seeds] [T]; OPPONENTS=M sets --estimate-samples (default 8).
# Needs the shim (native/build.sh) and a Release build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$1"; seeds="${2:-10}"; horizon="${3:-100}"
mkdir -p "$out"
rebel=(dotnet "$root/src/Rebel.Cli/bin/Release/net10.0/rebel.dll")
[[ -f $out/pm.json ]] || "${rebel[@]}" fit-pref --model neural-gpm --tokenizer gpt2 --data "$root/examples/TextPairs/answers.jsonl" --out "$out/pm.json" --device cpu >/dev/null 2>&1
[[ -d $out/gpt2-warm ]] || dotnet "$root/examples/TextSelfPlay/bin/Release/net10.0/TextSelfPlay.dll" "$root/examples/TextPairs/warmup.jsonl" "$out/gpt2-warm" 0 >/dev/null
common=(selfplay --policy neural --pref-model "$out/pm.json" --model "$out/gpt2-warm" --tokenizer gpt2 --max-tokens 8 --samples 4
        --prompts 6 --batch 6 --eta 0.5 --estimate-samples "${OPPONENTS:-8}" --pool-samples 16 --eval-every 10 -T "$horizon" --device cpu)
for ((s = 0; s < seeds; s++)); do
  for arm in rebel control; do
    dir="$out/$arm-$s"
    [[ -f $dir/policy.json ]] && continue
    extra=(); [[ $arm == control ]] && extra=(--lr 1e-12)
    "${rebel[@]}" "${common[@]}" "${extra[@]}" --seed "$s" --out "$dir" --force >/dev/null 2>"$dir.log"
  done
done
/usr/bin/python3 "$root/bench/text-selfplay/summary.py" "$out" "$seeds"
