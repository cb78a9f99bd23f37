#!/usr/bin/env python3
"""A cyclic judge speaking rebel-judge/1 (docs/judge-protocol.md), standard library only.

Responses y0..y(n-1) (or rock, paper, scissors, lizard, spock) for odd n: i beats j when (i - j) mod n is odd, by a
margin that depends on the pair, so the minimax winner is not uniform and self-play has something to learn.

  python3 cyclic_judge.py [--n 3|5] [--answers probabilities|outcomes]
                          [--die-after K | --garbage-after K | --hang-after K]

The --*-after switches misbehave after K answers (exit, a malformed line, no answer), for tests of a failing judge.
"""
import argparse
import json
import random
import sys
import time

NAMES = ["rock", "paper", "scissors", "lizard", "spock"]
MARGINS = [0.1, 0.35, 0.45, 0.2, 0.3]


def index(name):
    return int(name[1:]) if name.startswith("y") else NAMES.index(name)


def probability(a, b, n):
    if a == b:
        return 0.5
    margin = MARGINS[(a + b) % n]
    return 0.5 + margin if (a - b) % n % 2 == 1 else 0.5 - margin


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=3, choices=[3, 5])
    parser.add_argument("--answers", default="probabilities", choices=["probabilities", "outcomes"])
    parser.add_argument("--die-after", type=int)
    parser.add_argument("--garbage-after", type=int)
    parser.add_argument("--hang-after", type=int)
    args = parser.parse_args()
    answered = 0
    for line in sys.stdin:
        if answered == args.die_after:
            sys.stderr.write("cyclic_judge: dying as asked\n")
            sys.exit(3)
        if answered == args.hang_after:
            time.sleep(3600)
        request = json.loads(line)
        p = [probability(index(a), index(b), args.n) for a, b in request["pairs"]]
        if answered == args.garbage_after:
            print("not json")
        elif args.answers == "probabilities":
            print(json.dumps({"id": request["id"], "p": p}))
        else:
            draw = random.Random(request["seed"])
            print(json.dumps({"id": request["id"], "wins": [1 if draw.random() < q else 0 for q in p]}))
        sys.stdout.flush()
        answered += 1


if __name__ == "__main__":
    main()
