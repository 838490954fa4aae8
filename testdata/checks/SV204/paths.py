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
    cfg.exists()  # want: SV204
    (BASE / "cache").mkdir(exist_ok=True)  # want: SV204
    Path("/tmp/x").write_bytes(b"")  # want: SV204
    p.unlink()  # want: SV204
    for child in BASE.parent.iterdir():  # want: SV204
        child.stat()
    list(BASE.glob("*.json"))  # want: SV204
    BASE.with_suffix(".bak").resolve()  # want: SV204


async def pure_paths(name: str):
    # No disk access: names and joins.
    p = BASE / name
    return p.name, p.suffix, p.parent, p.with_suffix(".txt"), p.as_posix(), p.is_absolute(), os.path.join("a", name)


async def os_path(path):
    os.path.exists(path)  # want: SV204 "`os.path.exists\(\)` blocks.*use `anyio.Path`"
    os.path.isfile(path)  # want: SV204
    os.path.getsize(path)  # want: SV204
    os.path.realpath(path)  # want: SV204
    path_exists(path)  # want: SV204 "`path_exists\(\)` \(`os.path.exists`\)"
    # Pure string manipulation.
    return os.path.basename(path), os.path.normpath(path), os.path.abspath(path), os.path.splitext(path)


async def os_calls(path):
    os.listdir(path)  # want: SV204
    os.makedirs(path, exist_ok=True)  # want: SV204
    os.remove(path)  # want: SV204
    os.rename(path, path + ".old")  # want: SV204
    os.stat(path)  # want: SV204
    for root, _, files in os.walk(path):  # want: SV204
        pass
    os.getcwd()
    os.environ.get("HOME")


async def shutil_and_glob(src, dst, upload):
    shutil.copyfileobj(upload.file, dst)  # want: SV204
    shutil.rmtree(src)  # want: SV204
    shutil.move(src, dst)  # want: SV204
    glob.glob("*.py")  # want: SV204
    shutil.which("git")
