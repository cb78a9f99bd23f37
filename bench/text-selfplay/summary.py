"""Summary of measure.sh: a metric per evaluated iteration (exploit_pool_est, or the one named third), mean ± standard
error over seeds, per arm, and the per-seed change (mean of the last three evaluations minus the first three), fixed
before the runs."""
import json, math, sys

out, seeds = sys.argv[1], int(sys.argv[2])
metric = sys.argv[3] if len(sys.argv) > 3 else "exploit_pool_est"

def series(arm, s):
    with open(f"{out}/{arm}-{s}/metrics.jsonl") as f:
        rows = [json.loads(l) for l in f]
    # Only the evaluated iterations (every 10th from the first, and the last): the lines between repeat the last estimate.
    last = rows[-1]["iteration"]
    return {r["iteration"]: r[metric] for r in rows
            if r.get(metric) is not None and ((r["iteration"] - 1) % 10 == 0 or r["iteration"] == last)}

def mean_se(xs):
    m = sum(xs) / len(xs)
    se = math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1) / len(xs)) if len(xs) > 1 else float("nan")
    return m, se

arms = {arm: [series(arm, s) for s in range(seeds)] for arm in ("rebel", "control")}
its = sorted(set.intersection(*(set(r) for runs in arms.values() for r in runs)))
print("| iteration | " + " | ".join(f"{a} {metric}" for a in arms) + " |")
print("|---|" + "---|" * len(arms))
for t in its:
    cells = [mean_se([r[t] for r in runs]) for runs in arms.values()]
    print(f"| {t} | " + " | ".join(f"{m:.3f} ± {se:.3f}" for m, se in cells) + " |")
changes = {}
for arm, runs in arms.items():
    changes[arm] = [sum(r[t] for t in its[-3:]) / 3 - sum(r[t] for t in its[:3]) / 3 for r in runs]
    m, se = mean_se(changes[arm])
    print(f"{arm}: change (last three − first three evaluations) {m:+.3f} ± {se:.3f} over seeds 0–{seeds - 1}")
m, se = mean_se([a - b for a, b in zip(changes["rebel"], changes["control"])])
print(f"rebel − control, paired by seed: {m:+.3f} ± {se:.3f}")
