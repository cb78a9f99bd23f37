#!/usr/bin/python3
"""The English Premier League 2008/9-2012/13 as a rebel-game/1 preference matrix (bench/tournament/README.md).

Input: the `football` data set of Debian's r-cran-bradleyterry2, exported with
  Rscript -e 'library(BradleyTerry2); data(football); write.csv(football, "football.csv", row.names=FALSE)'
P(i > j) = (wins of i over j + draws/2 + 1) / (games between them + 2): head-to-head win rates over all five seasons,
home and away pooled, smoothed by a uniform Beta(1, 1) prior, so that P(i > j) + P(j > i) = 1 and teams that never met
get 1/2.
"""
import csv
import json
import sys
from collections import defaultdict

rows = list(csv.DictReader(open(sys.argv[1])))
teams = sorted({r["home"] for r in rows} | {r["away"] for r in rows})
score = defaultdict(float)  # score[i, j]: i's wins over j plus half the draws
games = defaultdict(int)
for r in rows:
    h, a, result = r["home"], r["away"], int(float(r["result"]))
    games[h, a] += 1
    games[a, h] += 1
    score[h, a] += {1: 1.0, 0: 0.5, -1: 0.0}[result]
    score[a, h] += {1: 0.0, 0: 0.5, -1: 1.0}[result]
preference = [[round((score[i, j] + 1) / (games[i, j] + 2), 6) if i != j else 0.5 for j in teams] for i in teams]
json.dump({"format": "rebel-game/1", "name": "epl-2008-2013",
           "contexts": [{"name": "head-to-head", "responses": teams, "preference": preference}]},
          open(sys.argv[2], "w"), indent=None)
print(f"{len(teams)} teams, {len(rows)} games, {sum(1 for i in teams for j in teams if i < j and games[i, j] == 0)} pairs never met")
