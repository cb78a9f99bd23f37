"""Mean ± standard error over seeds 0..N-1 of the exact gaps of bench/neural-estimators/measure.sh's arms."""
import json
import math
import statistics
import sys

out, seeds = sys.argv[1], int(sys.argv[2])
print("| arm | T | dg_avg | dg_last |")
print("|---|---:|---:|---:|")
for arm in ["loo", "iw0", "iw3"]:
    runs = [[json.loads(line) for line in open(f"{out}/{arm}-{s}/metrics.jsonl")] for s in range(seeds)]
    for t in sorted({m["iteration"] for m in runs[0]} & {10, 50, runs[0][-1]["iteration"]}):
        cells = []
        for key in ["dg_avg", "dg_last"]:
            values = [m[key] for run in runs for m in run if m["iteration"] == t]
            cells.append(f"{statistics.mean(values):.3f} ± {statistics.stdev(values) / math.sqrt(len(values)):.3f}")
        print(f"| {arm} | {t} | {cells[0]} | {cells[1]} |")
