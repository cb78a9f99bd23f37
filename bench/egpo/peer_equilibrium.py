#!/usr/bin/env python3
"""Independent check of Rebel's regularised equilibria (docs/regularised-game.md) with numpy/scipy.

Reads equilibria.json written by `Rebel.Bench egpo` (each game's preference matrix, and per beta Rebel's pi*),
solves pi = softmax(log rho + P pi / beta) with scipy.optimize.root on the logits (uniform rho, as the benchmark),
and prints, per beta, the largest difference to Rebel's pi* and the largest DG_beta of each solution.
"""
import json
import sys

import numpy as np
from scipy.optimize import root
from scipy.special import logsumexp, softmax


def gap(P, beta, pi):
    r = P @ pi
    n = len(pi)
    log_rho = np.full(n, -np.log(n))
    kl = np.sum(pi[pi > 0] * (np.log(pi[pi > 0]) - log_rho[pi > 0]))
    return 2 * (beta * logsumexp(log_rho + r / beta) + beta * kl - 0.5)


def solve(P, beta):
    n = P.shape[0]
    log_rho = np.full(n, -np.log(n))
    u = log_rho.copy()
    # Continuation from a large regularisation, as a plain root finder from uniform fails for small beta.
    for b in sorted({max(beta, 2.0 ** -k) for k in range(0, 40)}, reverse=True):
        sol = root(lambda v: v - log_rho - P @ softmax(v) / b, log_rho + P @ softmax(u) / b, method="hybr", tol=1e-14)
        u = sol.x
    return softmax(u)


def main(path):
    with open(path) as f:
        data = json.load(f)
    for entry in data["betas"]:
        beta = entry["beta"]
        diff, rebel_gap, peer_gap = 0.0, 0.0, 0.0
        for P, pi_rebel in zip(data["games"], entry["equilibria"]):
            P, pi_rebel = np.array(P), np.array(pi_rebel)
            pi = solve(P, beta)
            diff = max(diff, np.max(np.abs(pi - pi_rebel)))
            rebel_gap = max(rebel_gap, abs(gap(P, beta, pi_rebel)))
            peer_gap = max(peer_gap, abs(gap(P, beta, pi)))
        print(f"beta={beta}: max |pi*_scipy - pi*_rebel| = {diff:.2e}; max |DG_beta| rebel {rebel_gap:.2e}, scipy {peer_gap:.2e}")


if __name__ == "__main__":
    main(sys.argv[1])
