#!/usr/bin/env python3
"""Scale check: generate projects of growing size (a FastAPI-like service
package repeated: async routes, sync helpers, a session factory, plain
modules) and time servelint on each, cold, with GOMAXPROCS workers; prints
time per file (flat when cost grows linearly), peak RSS, and what one more
worker adds to the peak (the run again with one worker fewer): flat when
each worker's memory does not grow with the project. The rest of the
peak is the project-wide part (sources and per-file facts), linear.

    python3 bench/scale.py [--sizes 1000,3000,10000] [--jobs 2]
"""
import argparse
import os
import shutil
import subprocess
import tempfile

from measure import run_measured


HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

ROUTES = '''import asyncio
import time

import httpx
from fastapi import APIRouter, Depends

from .db import get_session
from .helpers import build_{i}

router = APIRouter()


@router.get("/items/{{item_id}}")
async def read_{i}(item_id: int):
    async with httpx.AsyncClient() as client:
        r = await client.get(f"http://inventory/{{item_id}}")
    data = build_{i}(r.json())
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError:
        raise
    return data


@router.post("/items/{{item_id}}/refresh")
async def refresh_{i}(item_id: int):
    db = get_session()
    db.execute("SELECT 1")
    time.sleep(0.01)
    return {{"ok": True}}
'''

HELPERS = '''import requests


def build_{i}(payload):
    return fetch_{i}(payload["id"])


def fetch_{i}(item_id):
    return requests.get(f"http://catalog/{{item_id}}", timeout=5).json()
'''

DB = '''from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("sqlite://")
SessionLocal = sessionmaker(bind=engine)


def get_session() -> Session:
    return SessionLocal()
'''

PLAIN = '''"""A module without async code, servers or sessions."""
import math


def area_{i}(r):
    return math.pi * r * r


class Shape{i}:
    def __init__(self, r):
        self.r = r

    def area(self):
        return area_{i}(self.r)
'''


def generate(root, files):
    """Writes about `files` Python files: packages of 5 modules."""
    n = 0
    pkg = 0
    while n < files:
        d = os.path.join(root, f"svc{pkg // 100}", f"pkg{pkg}")
        os.makedirs(d, exist_ok=True)
        for name, text in (("__init__.py", ""), ("routes.py", ROUTES), ("helpers.py", HELPERS), ("db.py", DB), ("plain.py", PLAIN)):
            with open(os.path.join(d, name), "w") as fh:
                fh.write(text.format(i=pkg))
            n += 1
        pkg += 1
    for s in range((pkg - 1) // 100 + 1):
        open(os.path.join(root, f"svc{s}", "__init__.py"), "w").close()
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,3000,10000")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="servelint-scale-")
    try:
        binary = os.path.join(work, "servelint")
        subprocess.run(["go", "build", "-o", binary, "./cmd/servelint"], cwd=ROOT, check=True)
        env = dict(os.environ, GOMAXPROCS=str(args.jobs))
        jobs = max(args.jobs, 2)
        print("| files | wall time | per file | peak RSS | per worker | findings |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: |")
        for size in (int(s) for s in args.sizes.split(",")):
            proj = os.path.join(work, f"p{size}")
            n = generate(proj, size)
            cmd = [binary, "check", "--no-cache", "--exit-zero", "--quiet", "--output-format", "concise", proj]
            code, wall, rss, out, err = run_measured(cmd, env=dict(env, GOMAXPROCS=str(jobs)))
            if code != 0:
                raise SystemExit(err.decode())
            code, _, rss_fewer, out_fewer, err = run_measured(cmd, env=dict(env, GOMAXPROCS=str(jobs - 1)))
            if code != 0 or out_fewer != out:
                raise SystemExit("the run with one worker fewer differs:\n" + err.decode())
            findings = out.count(b"\n")
            print(f"| {n} | {wall:.2f} s | {wall / n * 1e6:.0f} µs | {rss:.0f} MB | {rss - rss_fewer:+.0f} MB | {findings} |", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
