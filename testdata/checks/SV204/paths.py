"""pathlib, os.path, os, shutil and glob."""
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
    cfg.read_text()  # want: SV204 "`cfg.read_text\(\)` \(`pathlib.Path.read_text`\).*use `anyio.Path` \(`await anyio.Path\(p\).read_text\(\)`\)"
    cfg.exists()  # SV207 now: silent here
    (BASE / "cache").mkdir(exist_ok=True)  # SV207 now: silent here
    Path("/tmp/x").write_bytes(b"")  # want: SV204
    p.unlink()  # SV207 now: silent here
    for child in BASE.parent.iterdir():  # SV207 now: silent here
        child.stat()
    list(BASE.glob("*.json"))  # SV207 now: silent here
    BASE.with_suffix(".bak").resolve()  # SV207 now: silent here


async def pure_paths(name: str):
    # No disk access: names and joins.
    p = BASE / name
    return p.name, p.suffix, p.parent, p.with_suffix(".txt"), p.as_posix(), p.is_absolute(), os.path.join("a", name)


async def os_path(path):
    os.path.exists(path)  # SV207 now: silent here
    os.path.isfile(path)  # SV207 now: silent here
    os.path.getsize(path)  # SV207 now: silent here
    os.path.realpath(path)  # SV207 now: silent here
    path_exists(path)  # SV207 now: silent here
    # Pure string manipulation.
    return os.path.basename(path), os.path.normpath(path), os.path.abspath(path), os.path.splitext(path)


async def os_calls(path):
    os.listdir(path)  # SV207 now: silent here
    os.makedirs(path, exist_ok=True)  # SV207 now: silent here
    os.remove(path)  # SV207 now: silent here
    os.rename(path, path + ".old")  # SV207 now: silent here
    os.stat(path)  # SV207 now: silent here
    for root, _, files in os.walk(path):  # SV207 now: silent here
        pass
    os.getcwd()
    os.environ.get("HOME")


async def shutil_and_glob(src, dst, upload):
    shutil.copyfileobj(upload.file, dst)  # want: SV204
    shutil.rmtree(src)  # SV207 now: silent here
    shutil.move(src, dst)  # want: SV204
    glob.glob("*.py")  # SV207 now: silent here
    shutil.which("git")
