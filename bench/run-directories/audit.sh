#!/usr/bin/env bash
# Issue 11 audit: every bad input the issue lists (and a few more), each expected to give exit 2 with one line
# "rebel: ..." on stderr (or, where marked ok, to succeed). Usage: audit.sh [path/to/rebel.dll]
# Prints each case that is not handled and the count handled; needs a Release build.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DLL=${1:-$ROOT/src/Rebel.Cli/bin/Release/net10.0/rebel.dll}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT; cd "$W"
tried=0; handled=0
rebel() { timeout 60 dotnet "$DLL" "$@"; }
# expect NAME CODE REGEX -- ARGS...: exit CODE, and for CODE 2 exactly one stderr line matching REGEX.
expect() {
  local name=$1 code=$2 regex=$3; shift 4
  tried=$((tried + 1))
  rebel "$@" >out.txt 2>err.txt; local rc=$?
  local lines; lines=$(wc -l < err.txt)
  if [ "$rc" = "$code" ] && { [ "$code" != 2 ] || { [ "$lines" = 1 ] && grep -Eq "^rebel: .*($regex)" err.txt; }; }; then
    handled=$((handled + 1))
  else
    echo "NOT HANDLED: $name (exit $rc, $lines stderr lines): $(head -c 300 err.txt | tr '\n' '|')"
  fi
}
printf '{"format":"rebel-game/1","contexts":[{"name":"x","responses":["a","b"],"preference":[[0.5,0.6],[0.4,0.5]]}]}' > good.json
printf '{"format":"rebel-game/1","contexts":[{"name":"\\ud800","responses":["a","b"],"preference":[[0.5,0.6],[0.4,0.5]]}]}' > surrogate.json
printf '{"format":"rebel-game/1","contexts":[{"name":"x","responses":["a","\\udc00"],"preference":[[0.5,0.6],[0.4,0.5]]}]}' > surrogate2.json
printf '{"format":"rebel-game/1","contexts":[{"name":"","responses":["a","b"],"preference":[[0.5,0.6],[0.4,0.5]]}]}' > emptyname.json
printf '{"format":"rebel-game/1","contexts":[{"name":"x\xff","responses":["a","b"],"preference":[[0.5,0.6],[0.4,0.5]]}]}' > badutf8.json
printf '{"format":"rebel-game/1","format":"rebel-game/1","contexts":[]}' > dupkey.json
head -c 3000 /dev/urandom > binary.json; printf '\n\x01\x02' >> binary.json
printf '{"context":"x","a":"a","b":"b","winner":"a"}\n' > pairs.jsonl
printf '{"context":"x","a":"a","b":"b","winner":"a","a":"b"}\n' > dup.jsonl
printf '{"context":"\\ud800","a":"a","b":"b","winner":"a"}\n' > sur.jsonl
printf '{"context":"x","a":"a\xfe","b":"b","winner":"a"}\n' > bad8.jsonl
: > empty.jsonl
printf 'not a game' > condorcet
expect "solve --format bogus" 2 "--format" -- solve --game rps --format bogus
expect "fit-pref --model bogus" 2 "--model" -- fit-pref --data pairs.jsonl --model bogus --out f.json
expect "--weight-decay -1" 2 "weight-decay" -- selfplay --algo rebel --fit adamw --weight-decay -1 -T 3 --out wd
expect "--resume ''" 2 "resume" -- selfplay --resume ''
expect "selfplay --out ''" 2 "--out" -- selfplay -T 3 --out ''
expect "fit-pref --data ''" 2 "data|path" -- fit-pref --data '' --out f.json
expect "fit-pref --out ''" 2 "--out" -- fit-pref --data pairs.jsonl --out ''
expect "--offline ''" 2 "offline" -- selfplay --algo rebel --offline '' -T 3 --out off2
expect "--pref-model ''" 2 "--pref-model" -- selfplay --pref-model '' -T 3 --out pm
expect "compare --out ''" 2 "--out" -- compare --algos omwu -T 3 --seeds 1 --out ''
expect "compare --algos omwu,,rebel" 2 "--algos" -- compare --algos omwu,,rebel -T 3 --seeds 1 --out c1
expect "bt-mixture:jitter=abc" 2 "jitter" -- solve --game bt-mixture:jitter=abc
expect "empty --offline" 2 "empty.jsonl" -- selfplay --algo rebel --offline empty.jsonl -T 3 --out off
expect "lone surrogate context name" 2 "surrogate.json" -- solve --game surrogate.json
expect "lone surrogate response" 2 "surrogate2.json" -- solve --game surrogate2.json
expect "lone surrogate in pairs" 2 "sur.jsonl" -- fit-pref --data sur.jsonl --out f.json
expect "invalid UTF-8 game" 2 "badutf8.json" -- solve --game badutf8.json
expect "invalid UTF-8 pairs" 2 "bad8.jsonl" -- fit-pref --data bad8.jsonl --out f.json
expect "empty context name" 2 "emptyname.json" -- solve --game emptyname.json
expect "duplicate key in pairs line" 2 "dup.jsonl:1" -- fit-pref --data dup.jsonl --out f.json
expect "duplicate key in game (no 'line ,')" 2 "dupkey.json: invalid JSON[^,]*: " -- solve --game dupkey.json
expect "binary game file" 2 "binary.json" -- solve --game binary.json
expect "/dev/zero as game" 2 "/dev/zero" -- solve --game /dev/zero
expect "/dev/zero as pairs" 2 "/dev/zero" -- fit-pref --data /dev/zero --out f.json
expect "contextual contexts=1e6 n=4096" 2 "contexts|limit" -- solve --game contextual:contexts=1000000,n=4096
expect "transitive utilities x15000" 2 "utilities" -- solve --game "transitive:utilities=$(seq -s/ 1 15000)"
expect "seq-majority max seed ok" 0 "" -- solve --game seq-majority:seed=18446744073709551615,length=2
expect "seq-majority seed=-1" 2 "seed" -- solve --game seq-majority:seed=-1,length=2
expect "zoo name shadowed by a file ok" 0 "" -- solve --game condorcet
# Resume validation: runs to tamper with.
rebel selfplay -T 20 --out base >/dev/null 2>&1
rebel selfplay -T 20 --pref-model condorcet --out other >/dev/null 2>&1
tamper() { rm -rf "$1"; cp -r base "$1"; python3 - "$1" "$2" <<'PY'
import sys, json, re
d, how = sys.argv[1], sys.argv[2]
cp, cf, mp = f"{d}/checkpoint.json", f"{d}/config.json", f"{d}/metrics.jsonl"
c = json.load(open(cp)); g = json.load(open(cf)); c0 = json.dumps(c); g0 = json.dumps(g)
if how == "nan": c["state"]["log_policy"][0][0] = "NaN"
if how == "negative": c["iteration"] = -5
if how == "format": c["format"] = "rebel-checkpoint/9"
if how == "zero-interval": g["checkpoint_seconds"] = 0
if how == "unknown-option": g["options"]["bogus"] = 1
if how == "nan-option": g["options"]["eta"] = "NaN"
if how == "other-game": c = json.load(open("other/checkpoint.json"))
if how == "garbled":
    b = open(mp, "rb").read(); open(mp, "wb").write(b[:-40] + b"garbage!" * 5); 
if how == "short":
    b = open(mp, "rb").read(); open(mp, "wb").write(b[:100])
if how == "iterations": g["iterations"] = 10
if json.dumps(c) != c0: json.dump(c, open(cp, "w"))
if json.dumps(g) != g0: json.dump(g, open(cf, "w"))
PY
}
for how in nan negative format other-game short iterations; do tamper "t-$how" $how; expect "resume: $how checkpoint" 2 "checkpoint.json|metrics.jsonl|config.json" -- selfplay --resume "t-$how"; done
for how in zero-interval unknown-option nan-option; do tamper "t-$how" $how; expect "resume: $how config" 2 "config.json" -- selfplay --resume "t-$how"; done
tamper t-garbled garbled; expect "resume: garbled metrics blames metrics.jsonl" 2 "metrics.jsonl" -- selfplay --resume t-garbled
mkdir early; cp base/config.json early/; expect "resume of a directory killed before its first checkpoint ok" 0 "" -- selfplay --resume early
mkdir early2; cp base/config.json early2/; expect "reuse without --force of a directory killed early ok" 0 "" -- selfplay -T 5 --out early2
echo "bad inputs handled: $handled of $tried"
