#!/usr/bin/env python3
"""A rebel-judge/1 judge that misbehaves on request, for the fault tests (tests/Rebel.Cli.Tests/Fuzz/JudgeFaultTests.cs).

It reads "MODE K" from mode.txt in its directory at start: it answers like a cyclic 3-response judge, and from its
K-th request on it does MODE instead. Children it starts carry its directory in their command line, so a test can
find any it left behind.
"""
import json
import os
import subprocess
import sys
import time

MARGINS = [0.1, 0.35, 0.45]


def probability(a, b):
    i, j = int(a[1:]), int(b[1:])
    if i == j:
        return 0.5
    margin = MARGINS[(i + j) % 3]
    return 0.5 + margin if (i - j) % 3 % 2 == 1 else 0.5 - margin


def child():
    # A grandchild holding the judge's stdout and stderr, as a careless judge's helper would.
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)", os.getcwd()])


def main():
    words = open("mode.txt").read().split()
    mode, after = words[0], int(words[1]) if len(words) > 1 else 0
    out = sys.stdout
    for n, line in enumerate(sys.stdin, start=1):
        request = json.loads(line)
        answer = {"id": request["id"], "p": [probability(a, b) for a, b in request["pairs"]]}
        if mode == "healthy" or n < after:
            out.write(json.dumps(answer) + "\n")
        elif mode == "fork-ok":
            if n == after:
                child()
            out.write(json.dumps(answer) + "\n")
        elif mode == "garbage":
            out.write("not json\n")
        elif mode == "zeros":
            while True:
                out.write("0" * 65536)
        elif mode == "stderr":
            while True:
                sys.stderr.write("e" * 65536)
        elif mode == "slow":
            time.sleep(300)
        elif mode == "fork-die":
            child()
            sys.stderr.write("faulty_judge: dying with a child\n")
            sys.stderr.flush()
            os._exit(3)
        elif mode == "fork-hang":
            child()
            time.sleep(300)
        elif mode == "half":
            out.write(json.dumps(answer)[:7])
            out.flush()
            os._exit(0)
        elif mode == "dup":
            out.write('{"id": %d, "p": %s, "p": %s}\n' % (request["id"], json.dumps(answer["p"]), json.dumps(answer["p"])))
        elif mode == "wrong-id":
            out.write(json.dumps({"id": request["id"] + 1, "p": answer["p"]}) + "\n")
        elif mode == "nan":
            out.write(json.dumps({"id": request["id"], "p": [float("nan")] * len(answer["p"])}) + "\n")
        elif mode == "range":
            out.write(json.dumps({"id": request["id"], "p": [1.5] * len(answer["p"])}) + "\n")
        elif mode == "close":
            out.close()
            os.close(1)
            time.sleep(300)
        elif mode == "exit0":
            sys.exit(0)
        out.flush()


if __name__ == "__main__":
    main()
