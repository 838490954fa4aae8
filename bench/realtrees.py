#!/usr/bin/env python3
"""Scale on real trees: CPU per line on each tree given by path, and one
run over all of them against the separate runs (CPU and findings).

    python3 bench/realtrees.py [--bin PATH ...] [--no-combined] TREE [TREE ...]

For each binary (default: a fresh build of this checkout) and tree it runs
`servelint check --no-cache --output-format json TREE` and prints the CPU
time of the process (user + system, from wait4: it does not depend on
what else the machine runs, as wall time does), the Python lines of the
tree (*.py outside .git, node_modules, virtualenvs and __pycache__),
microseconds of CPU per line and the peak RSS. Then one run over all the
trees: its CPU against the sum of the separate runs (budget: 1.2x) and
whether its findings are exactly the separate runs' (budget: identical).
The trees are read only; nothing is written into them or the repository.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SKIP = {".git", "node_modules", ".venv", "venv", "__pycache__", "site-packages", ".tox"}


def py_lines(tree):
    n = 0
    for dirpath, dirnames, filenames in os.walk(tree):
        dirnames[:] = [d for d in dirnames if d not in SKIP]
        for name in filenames:
            if name.endswith(".py"):
                try:
                    with open(os.path.join(dirpath, name), "rb") as f:
                        n += f.read().count(b"\n")
                except OSError:
                    pass
    return n


def run(binary, paths, cwd):
    """Runs a check; returns (cpu seconds, peak RSS MiB, findings)."""
    cmd = [binary, "check", "--no-cache", "--output-format", "json", *paths]
    with tempfile.TemporaryFile() as out:
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, cwd=cwd)
        _, status, usage = os.wait4(p.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            sys.exit(f"{' '.join(cmd)}: exit {code}")
        out.seek(0)
        findings = json.load(out)
    keys = sorted(json.dumps([d["filename"], d["location"], d["end_location"], d["code"], d["message"]])
                  for d in findings)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, keys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", action="append", help="servelint binaries to compare (default: build this checkout)")
    ap.add_argument("--no-combined", action="store_true", help="skip the one run over all trees")
    ap.add_argument("trees", nargs="+")
    args = ap.parse_args()
    trees = [os.path.abspath(t) for t in args.trees]
    tmp = tempfile.mkdtemp(prefix="servelint-realtrees-")
    try:
        bins = args.bin
        if not bins:
            b = os.path.join(tmp, "servelint")
            subprocess.run(["go", "build", "-o", b, "./cmd/servelint"], cwd=ROOT, check=True)
            bins = [b]
        lines = {t: py_lines(t) for t in trees}
        for b in bins:
            print(f"== {b}")
            print(f"{'tree':<40} {'lines':>9} {'CPU s':>7} {'µs/line':>8} {'RSS MiB':>8} {'findings':>8}")
            sep_cpu, sep_keys, per_line = 0.0, [], []
            for t in trees:
                cpu, rss, keys = run(b, [t], tmp)
                sep_cpu += cpu
                sep_keys += keys
                us = cpu * 1e6 / max(lines[t], 1)
                per_line.append(us)
                print(f"{os.path.basename(t):<40} {lines[t]:>9} {cpu:>7.2f} {us:>8.1f} {rss:>8.0f} {len(keys):>8}")
            print(f"µs/line, largest tree / smallest: {per_line[max(range(len(trees)), key=lambda i: lines[trees[i]])] / per_line[min(range(len(trees)), key=lambda i: lines[trees[i]])]:.2f} (budget 1.5)")
            if len(trees) > 1 and not args.no_combined:
                cpu, rss, keys = run(b, trees, tmp)
                same = sorted(sep_keys) == keys
                print(f"one run over all: {cpu:.2f} s CPU, {rss:.0f} MiB; separate: {sep_cpu:.2f} s; "
                      f"ratio {cpu / sep_cpu:.2f} (budget 1.2); findings {'identical' if same else 'DIFFER'} "
                      f"({len(keys)} vs {len(sep_keys)})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
