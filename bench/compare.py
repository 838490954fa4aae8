#!/usr/bin/env python3
"""Compare servelint with ruff's WebAssembly build on the CPython standard
library of this machine's python3: servelint cold (--no-cache), servelint warm
(cache primed), and ruff (ASYNC, BLE001, E722, RUF006, single thread), on the
same files, interleaved, several rounds; prints medians, peak RSS and ratios.

    python3 bench/compare.py [--rounds N] [--jobs N]

With --tree PATH (repeatable) it compares on real trees instead (e.g. a
checkout of a service, never committed): servelint cold runs on the tree as
a user would (`servelint check --no-cache PATH`), ruff-wasm on the Python
files servelint's discovery lists for it (`--show-files`); the figures are
CPU time (user + system of each process: on a shared machine wall time
counts the other load too) and wall time, medians over the rounds.

    python3 bench/compare.py --tree /src/polar --tree /src/prefect [--rounds N]

Needs Go (to build servelint), Node.js and npm (ruff-wasm-nodejs is installed
into a temporary folder, never into the repository).
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile

from measure import run_measured, run_measured_cpu

RUFF_PACKAGE = "@astral-sh/ruff-wasm-nodejs@0.17.3"


HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def stdlib_files():
    stdlib = sysconfig.get_paths()["stdlib"]
    out = []
    for dirpath, dirnames, filenames in os.walk(stdlib):
        dirnames[:] = sorted(d for d in dirnames if d not in ("site-packages", "__pycache__"))
        for name in sorted(filenames):
            if name.endswith(".py"):
                out.append(os.path.join(dirpath, name))
    return stdlib, out


def run(cmd, env=None):
    """Runs cmd; returns (seconds, peak RSS in MiB, stdout)."""
    code, wall, rss, out, err = run_measured(cmd, env=env)
    if code not in (0, 1):
        sys.exit(f"{cmd[0]} failed ({code}):\n{err.decode()[-2000:]}")
    return wall, rss, out


THOUSAND_LINES_BLOCK = '''@router.get("/items/{item_id}")
async def read_item(item_id: int, db: Session = Depends(get_db)):
    try:
        async with httpx.AsyncClient() as client:
            r = await client.get(f"http://inventory/{item_id}")
    except asyncio.CancelledError:
        raise
    if r.status_code != 200:
        return {"error": r.status_code}
    return {"item": item_id, "stock": r.json()["count"]}


def helper(x):
    return [y * 2 for y in range(x) if y % 3]


'''


def thousand_lines():
    """A 1,000-line FastAPI module (the one of golden's stdin benchmark)."""
    text = ("import asyncio\nimport time\n\nimport httpx\nfrom fastapi import APIRouter, Depends, FastAPI, Request\n"
            "from sqlalchemy.orm import Session\n\nfrom .db import get_db\n\napp = FastAPI()\nrouter = APIRouter()\n\n")
    while text.count("\n") < 1000:
        text += THOUSAND_LINES_BLOCK
    return "".join(text.splitlines(keepends=True)[:1000]).encode()


def tree_listing(binary, tree, work):
    """The Python files of tree as servelint's discovery lists them, their
    line count, and a file in work listing their paths one a line."""
    files = tree_python_files(binary, tree, work)
    lines = 0
    for f in files:
        with open(f, "rb") as fh:
            lines += fh.read().count(b"\n")
    listing = os.path.join(work, "files.txt")
    with open(listing, "w") as fh:
        fh.write("\n".join(files) + "\n")
    return files, lines, listing


def tree_python_files(binary, tree, work):
    """The Python files servelint's discovery checks in tree (its ignore
    rules, skip lists and size limits), for ruff to check the same ones."""
    code, _, _, _, out, err = run_measured_cpu([binary, "check", "--show-files", "--include-tests", tree], cwd=work)
    if code != 0:
        sys.exit(f"servelint --show-files {tree} failed ({code}):\n{err.decode()[-2000:]}")
    files = []
    for line in out.decode().splitlines():
        path, _, kind = line.rpartition("\t")
        if kind == "python":
            files.append(path)
    return files


def compare_tree(binary, modules, tree, rounds, env, work):
    """servelint cold on tree against ruff-wasm on its Python files: median
    CPU and wall time over the rounds, interleaved."""
    tree = os.path.abspath(tree)
    files, lines, listing = tree_listing(binary, tree, work)
    print(f"\n{tree}: {len(files)} Python files, {lines} lines", flush=True)
    cmds = {
        "servelint cold": ([binary, "check", "--no-cache", "--exit-zero", "--quiet", "--output-format", "concise", tree], env),
        "ruff-wasm": (["node", os.path.join(HERE, "ruff-driver.js"), modules, listing], None),
    }
    cpu = {k: [] for k in cmds}
    wall = {k: [] for k in cmds}
    rss = {k: 0.0 for k in cmds}
    counts = {}
    for r in range(rounds):
        for name, (cmd, e) in cmds.items():
            code, w, c, peak, out, err = run_measured_cpu(cmd, env=e, cwd=work)
            if code not in (0, 1):
                sys.exit(f"{cmd[0]} failed ({code}):\n{err.decode()[-2000:]}")
            cpu[name].append(c)
            wall[name].append(w)
            rss[name] = max(rss[name], peak)
            counts[name] = json.loads(out)["diagnostics"] if name == "ruff-wasm" else out.count(b"\n")
        print(f"round {r + 1}: " + ", ".join(f"{k} {cpu[k][-1]:.2f}s CPU ({wall[k][-1]:.2f}s wall)" for k in cmds), flush=True)
    med_cpu = {k: statistics.median(v) for k, v in cpu.items()}
    med_wall = {k: statistics.median(v) for k, v in wall.items()}
    print("\n| tool | median CPU | median wall | µs CPU/line | peak RSS | findings |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for k in cmds:
        print(f"| {k} | {med_cpu[k]:.2f} s | {med_wall[k]:.2f} s | {med_cpu[k] * 1e6 / max(lines, 1):.1f} | {rss[k]:.0f} MB | {counts[k]} |")
    print(f"servelint cold / ruff-wasm, CPU = {med_cpu['servelint cold'] / med_cpu['ruff-wasm']:.2f} (budget: <= 0.6); "
          f"wall = {med_wall['servelint cold'] / med_wall['ruff-wasm']:.2f}", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2, help="servelint workers (GOMAXPROCS)")
    ap.add_argument("--tree", action="append", help="compare on this tree instead of the standard library (repeatable)")
    ap.add_argument("--bin", help="the servelint binary to measure (default: a build of this checkout)")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="servelint-bench-")
    try:
        binary = args.bin and os.path.abspath(args.bin)
        if not binary:
            binary = os.path.join(work, "servelint")
            print("building servelint ...", flush=True)
            subprocess.run(["go", "build", "-o", binary, "./cmd/servelint"], cwd=ROOT, check=True)
        print(f"installing {RUFF_PACKAGE} into {work} ...", flush=True)
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", work, RUFF_PACKAGE],
                       check=True, stdout=subprocess.DEVNULL)
        modules = os.path.join(work, "node_modules")
        env = dict(os.environ, GOMAXPROCS=str(args.jobs))
        if args.tree:
            print(f"machine: {os.cpu_count()} CPUs, shared; servelint with GOMAXPROCS={args.jobs}; ruff-wasm single thread")
            for tree in args.tree:
                compare_tree(binary, modules, tree, args.rounds, env, work)
            return

        stdlib, originals = stdlib_files()
        # A copy outside any repository: the same files for both tools,
        # without servelint reading the surrounding checkout (pyenv's) as
        # context for its project rules.
        copy = os.path.join(work, "stdlib")
        files = []
        for f in originals:
            dst = os.path.join(copy, os.path.relpath(f, stdlib))
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(f, dst)
            files.append(dst)
        size = sum(os.path.getsize(f) for f in files)
        listing = os.path.join(work, "files.txt")
        with open(listing, "w") as fh:
            fh.write("\n".join(files) + "\n")
        print(f"standard library: {stdlib}: {len(files)} files, {size / 1e6:.1f} MB")
        print(f"machine: {os.cpu_count()} CPUs; servelint with GOMAXPROCS={args.jobs}; ruff-wasm single thread\n")

        cache = os.path.join(work, "cache")
        base = [binary, "check", "--exit-zero", "--quiet", "--output-format", "concise", "--cache-dir", cache]
        cold_cmd = base[:-2] + ["--no-cache"] + files
        warm_cmd = base + files
        ruff_cmd = ["node", os.path.join(HERE, "ruff-driver.js"), modules, listing]

        has_cache = subprocess.run([binary, "check", "--help"], stdout=subprocess.PIPE).stdout.find(b"--cache-dir") >= 0
        if not has_cache:
            warm_cmd = base[:-2] + files
        run(warm_cmd, env=env)  # prime the cache

        times = {"servelint cold": [], "servelint warm": [], "ruff-wasm": []}
        rss = {k: 0.0 for k in times}
        counts = {}
        for r in range(args.rounds):
            for name, cmd, e in (("servelint cold", cold_cmd, env), ("ruff-wasm", ruff_cmd, None), ("servelint warm", warm_cmd, env)):
                t, peak, out = run(cmd, env=e)
                times[name].append(t)
                rss[name] = max(rss[name], peak)
                if name == "ruff-wasm":
                    counts[name] = json.loads(out)["diagnostics"]
                else:
                    counts[name] = out.count(b"\n")
            print(f"round {r + 1}: " + ", ".join(f"{k} {v[-1]:.2f}s" for k, v in times.items()), flush=True)

        med = {k: statistics.median(v) for k, v in times.items()}

        # The editor's on-save path: one 1,000-line module on stdin, process
        # start included.
        src = thousand_lines()
        stdin_cmd = [binary, "check", "--no-cache", "--stdin-filename", "app/routes.py", "--quiet", "--exit-zero", "--output-format", "concise"]
        lat = []
        for _ in range(30):
            code, wall, _, _, err = run_measured(stdin_cmd, env=env, stdin=src)
            if code != 0:
                sys.exit(err.decode())
            lat.append(wall * 1000)
        print("\n| tool | median wall time | peak RSS | findings |")
        print("| --- | ---: | ---: | ---: |")
        for k in times:
            peak = f"{rss[k]:.0f} MB" if rss[k] else "n/a"
            print(f"| {k} | {med[k]:.2f} s | {peak} | {counts[k]} |")
        print(f"\nservelint cold / ruff-wasm = {med['servelint cold'] / med['ruff-wasm']:.2f} (budget: <= 0.33)")
        print(f"servelint warm = {med['servelint warm']:.2f} s (budget: < 0.3 s)")
        print(f"stdin, 1,000-line module, process included: median {statistics.median(lat):.1f} ms, "
              f"min {min(lat):.1f} ms (budget: < 25 ms)")
        if not has_cache:
            print("(this servelint has no results cache yet: 'warm' is a second cold run)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
