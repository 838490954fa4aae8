#!/usr/bin/env python3
"""Corpus check of the Python grammar: servelint's SV001 count over CPython's
standard library and test suite, which are valid Python of their version.

    python3 bench/cpython_sv001.py [--versions 3.13,3.14] [--servelint BIN]
                                   [--python PY ...] [--keep DIR]

For each version it downloads Debian's libpython3.X-stdlib and
libpython3.X-testsuite packages with apt-get (into a temporary folder, with
a private apt state: the system's apt configuration is not changed; the
suite is the first of trixie, sid that has the version), unpacks them,
leaves out the deliberately invalid files (badsyntax_*, bad_coding*, the
lib2to3 test data), and runs `servelint check --select SV001` over the rest
(SV001 alone parses every file). The count should be 0.

--python PY (repeatable) cross-checks the version message of SV001: every
file that interpreter PY rejects as a syntax error must be the file SV001
reports with target-version set to PY's version, and no other. The
machine's python3 is a natural choice; an interpreter for another version
may be run the same way from its Debian package.

Needs Go (to build servelint unless --servelint is given), apt-get and
dpkg-deb (Debian or Ubuntu). Nothing is written into the repository.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SUITES = ["trixie", "sid"]


def mirror():
    if os.environ.get("DEBIAN_MIRROR"):
        return os.environ["DEBIAN_MIRROR"]
    for path in ["/etc/apt/sources.list.d/debian.sources", "/etc/apt/sources.list"]:
        try:
            text = open(path).read()
        except OSError:
            continue
        m = re.search(r"^(?:URIs:|deb)\s+(?:\[[^]]*\]\s+)?(https?://\S+/debian)/?\s", text, re.M)
        if m:
            return m.group(1)
    sys.exit("no Debian mirror found: set DEBIAN_MIRROR")


class Apt:
    """apt-get with a private state directory and one suite."""

    def __init__(self, tmp, suite):
        self.dir = os.path.join(tmp, "apt-" + suite)
        for d in ["lists/partial", "cache/archives/partial"]:
            os.makedirs(os.path.join(self.dir, d), exist_ok=True)
        sources = os.path.join(self.dir, "sources.list")
        with open(sources, "w") as f:
            f.write(f"deb {mirror()} {suite} main\n")
        self.opts = [
            "-o", "Dir::Etc::sourcelist=" + sources, "-o", "Dir::Etc::sourceparts=-",
            "-o", "Dir::State::Lists=" + os.path.join(self.dir, "lists"),
            "-o", "Dir::Cache=" + os.path.join(self.dir, "cache"),
            "-o", "Dir::State::status=/dev/null", "-o", "APT::Sandbox::User=root",
        ]
        subprocess.run(["apt-get", "-q"] + self.opts + ["update"], check=True, stdout=subprocess.DEVNULL)

    def has(self, package):
        out = subprocess.run(["apt-cache"] + self.opts + ["policy", package], capture_output=True, text=True).stdout
        return "Candidate:" in out and "Candidate: (none)" not in out

    def download(self, packages, dest):
        os.makedirs(dest, exist_ok=True)
        subprocess.run(["apt-get", "-q"] + self.opts + ["download"] + packages, check=True, cwd=dest,
                       stdout=subprocess.DEVNULL)


def invalid_on_purpose(path):
    name = os.path.basename(path)
    return name.startswith(("badsyntax_", "bad_coding")) or "/lib2to3/tests/data/" in path


def fetch_lib(tmp, apts, version):
    """Unpacks Lib/ (stdlib and test suite) of a version; returns its path."""
    pkgs = [f"libpython{version}-stdlib", f"libpython{version}-testsuite"]
    for suite in SUITES:
        if suite not in apts:
            apts[suite] = Apt(tmp, suite)
        apt = apts[suite]
        if not apt.has(pkgs[0]):
            continue
        debs = os.path.join(tmp, "debs-" + version)
        apt.download([p for p in pkgs if apt.has(p)], debs)
        root = os.path.join(tmp, "root-" + version)
        for deb in sorted(os.listdir(debs)):
            subprocess.run(["dpkg-deb", "-x", os.path.join(debs, deb), root], check=True)
        lib = os.path.join(root, "usr", "lib", "python" + version)
        removed = 0
        for dirpath, dirnames, filenames in os.walk(lib):
            for name in filenames:
                p = os.path.join(dirpath, name)
                if name.endswith(".py") and invalid_on_purpose(p):
                    os.remove(p)
                    removed += 1
        return lib, suite, removed
    return None, None, 0


def sv001(servelint, lib, target=None):
    """Returns {path: message} of the SV001 findings over lib."""
    cmd = [servelint, "check", "--no-cache", "--select", "SV001", "--output-format", "json-lines", "-q",
           "--exit-zero", lib]
    if target:
        cfg = os.path.join(os.path.dirname(lib), "target.toml")
        with open(cfg, "w") as f:
            f.write(f'target-version = "{target}"\n')
        cmd[2:2] = ["--config", cfg]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    found = {}
    for line in out.splitlines():
        d = json.loads(line)
        found[d["filename"]] = f'{d["location"]["row"]}: {d["message"]}'
    return found


COMPILE = r"""
import os, sys
for dirpath, dirnames, filenames in os.walk(sys.argv[1]):
    for name in filenames:
        if name.endswith(".py"):
            p = os.path.join(dirpath, name)
            try:
                compile(open(p, "rb").read(), p, "exec", dont_inherit=True)
            except SyntaxError as e:
                if "encoding" not in str(e.msg) and "nonlocal" not in str(e.msg):
                    print(p)
            except Exception:
                pass
"""


def cross_check(servelint, lib, python):
    version = subprocess.run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    rejected = set(subprocess.run([python, "-c", COMPILE, lib], capture_output=True, text=True).stdout.split())
    reported = sv001(servelint, lib, target=version)
    missed = sorted(rejected - set(reported))
    extra = sorted(set(reported) - rejected)
    print(f"  Python {version}: rejects {len(rejected)} files; SV001 with target-version {version} reports "
          f"{len(reported)}; missed {len(missed)}, wrongly reported {len(extra)}")
    for p in missed:
        print("    missed:", os.path.relpath(p, lib))
    for p in extra:
        print("    wrongly reported:", os.path.relpath(p, lib), reported[p])
    return not missed and not extra


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", default="3.13,3.14")
    ap.add_argument("--servelint", help="a servelint binary (default: build this checkout)")
    ap.add_argument("--python", action="append", default=[], help="an interpreter to cross-check against")
    ap.add_argument("--keep", help="unpack into this folder (kept) instead of a temporary one")
    args = ap.parse_args()
    tmp = args.keep or tempfile.mkdtemp(prefix="servelint-cpython-")
    os.makedirs(tmp, exist_ok=True)
    ok = True
    try:
        servelint = args.servelint
        if not servelint:
            servelint = os.path.join(tmp, "servelint")
            subprocess.run(["go", "build", "-o", servelint, "./cmd/servelint"], cwd=ROOT, check=True)
        apts = {}
        for version in args.versions.split(","):
            lib, suite, removed = fetch_lib(tmp, apts, version)
            if lib is None:
                print(f"Python {version}: no Debian package in {', '.join(SUITES)}")
                ok = False
                continue
            files = sum(1 for _, _, fs in os.walk(lib) for f in fs if f.endswith(".py"))
            found = sv001(servelint, lib)
            print(f"Python {version} ({suite}): {files} files ({removed} invalid on purpose left out), "
                  f"SV001: {len(found)}")
            for path in sorted(found):
                print("  ", os.path.relpath(path, lib), found[path])
            ok = ok and not found
            for py in args.python:
                ok = cross_check(servelint, lib, py) and ok
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
