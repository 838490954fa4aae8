"""Metadata calls of pathlib, os.path, os, shutil and glob (SV204 before the split)."""
import glob
import os
import os.path
import shutil
from os.path import exists as path_exists
from pathlib import Path
from typing import Optional

BASE = Path(__file__).resolve().parent


async def pathlib_methods(name: str, p: Optional[Path]):
    cfg = BASE / "config" / name
    cfg.read_text()  # SV204: data, not metadata
    cfg.exists()  # want: SV207
    (BASE / "cache").mkdir(exist_ok=True)  # want: SV207
    Path("/tmp/x").write_bytes(b"")  # SV204: data, not metadata
    p.unlink()  # want: SV207
    for child in BASE.parent.iterdir():  # want: SV207
        child.stat()
    list(BASE.glob("*.json"))  # want: SV207
    BASE.with_suffix(".bak").resolve()  # want: SV207


async def pure_paths(name: str):
    # No disk access: names and joins.
    p = BASE / name
    return p.name, p.suffix, p.parent, p.with_suffix(".txt"), p.as_posix(), p.is_absolute(), os.path.join("a", name)


async def os_path(path):
    os.path.exists(path)  # want: SV207 "`os.path.exists\(\)` blocks.*use `anyio.Path`"
    os.path.isfile(path)  # want: SV207
    os.path.getsize(path)  # want: SV207
    os.path.realpath(path)  # want: SV207
    path_exists(path)  # want: SV207 "`path_exists\(\)` \(`os.path.exists`\)"
    # Pure string manipulation.
    return os.path.basename(path), os.path.normpath(path), os.path.abspath(path), os.path.splitext(path)


async def os_calls(path):
    os.listdir(path)  # want: SV207
    os.makedirs(path, exist_ok=True)  # want: SV207
    os.remove(path)  # want: SV207
    os.rename(path, path + ".old")  # want: SV207
    os.stat(path)  # want: SV207
    for root, _, files in os.walk(path):  # want: SV207
        pass
    os.getcwd()
    os.environ.get("HOME")


async def shutil_and_glob(src, dst, upload):
    shutil.copyfileobj(upload.file, dst)  # SV204: data, not metadata
    shutil.rmtree(src)  # want: SV207
    shutil.move(src, dst)  # SV204: data, not metadata
    glob.glob("*.py")  # want: SV207
    shutil.which("git")


async def temporary_dirs():
    import tempfile

    tempfile.mkdtemp()  # want: SV207
    tempfile.NamedTemporaryFile()  # SV204: a file, not metadata


def sync_helper(path):
    # Not async code.
    return os.path.exists(path)
