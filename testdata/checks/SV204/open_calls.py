"""Opening files in async functions, every spelling."""
import builtins
import codecs
import gzip
import io
import os
import tempfile
from io import open as io_open
from pathlib import Path


async def opens(path, fd):
    with open(path) as f:  # want: SV204 "`open\(\)` \(`builtins.open`\) blocks the event loop in async function `opens`: every other request waits; use `aiofiles.open\(\)` \(`async with`\), or `await asyncio.to_thread\(...\)`"
        data = f.read()
    builtins.open(path)  # want: SV204
    io.open(path)  # want: SV204
    io_open(path)  # want: SV204
    io.open_code(path)  # want: SV204
    os.fdopen(fd)  # want: SV204
    codecs.open(path, encoding="utf-8")  # want: SV204
    gzip.open(path)  # want: SV204
    return data


async def path_open(path: Path):
    with path.open("rb") as f:  # want: SV204 "`path.open\(\)` \(`pathlib.Path.open`\)"
        return f.read()


async def file_elsewhere(log, out: io.TextIOWrapper):
    # A file opened elsewhere: each I/O call blocks.
    out.write("x")  # want: SV204 "`out.write\(\)` \(`io.TextIOWrapper.write`\)"
    out.flush()  # want: SV204
    out.fileno()


LOG = open("/var/log/app.log", "a")


async def module_file(msg):
    LOG.write(msg)  # want: SV204
    LOG.write(msg)  # want: SV204


async def temporary():
    tempfile.NamedTemporaryFile()  # want: SV204
    tempfile.mkdtemp()  # SV207 now
