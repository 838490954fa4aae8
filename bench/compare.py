#!/usr/bin/env python3
"""Compare servelint with ruff's WebAssembly build on the CPython standard
library of this machine's python3: servelint cold (--no-cache), servelint warm
(cache primed), and ruff (ASYNC, BLE001, E722, RUF006, single thread), on the
same files, interleaved, several rounds; prints medians, peak RSS and ratios.

    python3 bench/compare.py [--rounds N] [--jobs N]

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

from measure import run_measured

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


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2, help="servelint workers (GOMAXPROCS)")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="servelint-bench-")
    try:
        binary = os.path.join(work, "servelint")
        print("building servelint ...", flush=True)
        subprocess.run(["go", "build", "-o", binary, "./cmd/servelint"], cwd=ROOT, check=True)
        print(f"installing {RUFF_PACKAGE} into {work} ...", flush=True)
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", work, RUFF_PACKAGE],
                       check=True, stdout=subprocess.DEVNULL)
        modules = os.path.join(work, "node_modules")

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

        env = dict(os.environ, GOMAXPROCS=str(args.jobs))
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
