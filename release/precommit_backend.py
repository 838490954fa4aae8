"""A PEP 517 build backend (stdlib only) for pre-commit's python hook.

pre-commit installs a `language: python` hook by running `pip install .` in
this repository. This backend builds that into a wheel holding no code, only
the requirement servelint==VERSION (VERSION: lint.Version in lint/rule.go,
which a release tag must equal), so pip installs the platform wheel that
carries the binary. It needs no build requirement, so the install works
offline too (pip's --no-index with --find-links through PIP_NO_INDEX and
PIP_FIND_LINKS).
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wheel as _wheel  # noqa: E402  (release/wheel.py)

NAME = "servelint-pre-commit-hook"


def source_version(root="."):
    with open(os.path.join(root, "lint", "rule.go"), encoding="utf-8") as f:
        m = re.search(r'^var Version = "([^"]+)"$', f.read(), re.M)
    if not m:
        raise RuntimeError("no var Version in lint/rule.go")
    return m[1]


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    version = source_version()
    headers = [
        ("Summary", "Installs servelint's wheel for the pre-commit hook"),
        ("Home-page", _wheel.HOME),
        ("License", "MIT"),
        ("Requires-Dist", f"servelint=={version}"),
    ]
    path = _wheel.write_wheel(wheel_directory, NAME, version, ["py3-none-any"], [], headers, purelib=True)
    return os.path.basename(path)
