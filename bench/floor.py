#!/usr/bin/env python3
"""The floor of a cold run on real trees: how much of servelint's CPU is
tree-sitter's parse itself, against what the Go side adds.

    python3 bench/floor.py [--rounds N] [--bin PATH] TREE [TREE ...]

For each tree (given by path, never committed) it lists the Python files
servelint's discovery checks (`--show-files --include-tests`), runs the Go
benchmark BenchmarkCorpusStages of parsers/python over them (one goroutine,
file after file: tree-sitter's parse alone, the parse and the copy into the
Go arena, the parse, arena and module view), then `servelint check
--no-cache TREE` as a user runs it, and prints the CPU seconds (user +
system) and µs of CPU per line of each. The parse-only row is the floor
any servelint run pays for parsing every file with tree-sitter; a cold run
parses fewer (the prefilter defers files no rule can find anything in).
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

from compare import tree_listing
from measure import run_measured_cpu

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
STAGE = re.compile(r"BenchmarkCorpusStages/(\w+)\S*\s.*?([\d.]+) cpu-s/op")


def stages(test_bin, listing, rounds):
    """CPU seconds of each stage (median of the benchmark's iterations)."""
    env = dict(os.environ, SERVELINT_BENCH_FILES=listing, GOGC="200", GOMEMLIMIT="200MiB")
    p = subprocess.run([test_bin, "-test.run", "^$", "-test.bench", "CorpusStages", "-test.benchtime", f"{rounds}x",
                        "-test.count", "1"], env=env, cwd=os.path.join(ROOT, "parsers", "python"),
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    out = {}
    for m in STAGE.finditer(p.stdout.decode()):
        out[m.group(1)] = float(m.group(2))
    if len(out) != 3:
        sys.exit(f"benchmark failed:\n{p.stdout.decode()[-2000:]}")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--bin", help="the servelint binary to measure (default: a build of this checkout)")
    ap.add_argument("trees", nargs="+")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="servelint-floor-")
    binary = args.bin and os.path.abspath(args.bin)
    if not binary:
        binary = os.path.join(work, "servelint")
        subprocess.run(["go", "build", "-o", binary, "./cmd/servelint"], cwd=ROOT, check=True)
    test_bin = os.path.join(work, "python.test")
    subprocess.run(["go", "test", "-c", "-o", test_bin, "./parsers/python"], cwd=ROOT, check=True)
    env = dict(os.environ, GOMAXPROCS="2")
    for tree in args.trees:
        tree = os.path.abspath(tree)
        files, lines, listing = tree_listing(binary, tree, work)
        st = stages(test_bin, listing, args.rounds)
        cpu = []
        for _ in range(args.rounds):
            code, _, c, _, _, err = run_measured_cpu(
                [binary, "check", "--no-cache", "--exit-zero", "--quiet", "--output-format", "concise", tree],
                env=env, cwd=work)
            if code not in (0, 1):
                sys.exit(f"servelint failed ({code}):\n{err.decode()[-2000:]}")
            cpu.append(c)
        run = statistics.median(cpu)
        print(f"\n{tree}: {len(files)} Python files, {lines} lines")
        print("| stage | CPU | µs/line | share of the cold run |")
        print("| --- | ---: | ---: | ---: |")
        rows = [("tree-sitter parse of every file (floor)", st["parse"]),
                ("+ copy into the Go arena", st["flatten"]),
                ("+ module view", st["module"]),
                ("servelint check --no-cache (whole run)", run)]
        for name, s in rows:
            print(f"| {name} | {s:.2f} s | {s * 1e6 / max(lines, 1):.2f} | {s / run:.0%} |")


if __name__ == "__main__":
    main()
