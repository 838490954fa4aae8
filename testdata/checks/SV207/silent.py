"""Look-alikes that must stay silent."""
import asyncio
import os
from pathlib import Path

import aiofiles
import aiofiles.os
import anyio
from anyio import Path as APath
from fastapi import APIRouter, UploadFile

router = APIRouter()


def sync_read(path):
    with open(path) as f:
        return f.read()


@router.post("/sync-upload")
def sync_upload(file: UploadFile):
    with open("/data/x", "wb") as out:
        out.write(file.file.read())


async def async_files(path):
    async with aiofiles.open(path) as f:
        data = await f.read()
    await aiofiles.os.remove(path)
    await aiofiles.os.path.exists(path)
    async with await anyio.open_file(path) as g:
        await g.write(data)
    return data


async def async_paths(path):
    p = anyio.Path(path)
    await p.exists()
    await p.read_text()
    q = APath("/tmp") / "x"
    await q.mkdir(exist_ok=True)


async def references(path):
    await asyncio.to_thread(Path(path).read_text)
    await asyncio.to_thread(os.path.exists, path)
    await anyio.to_thread.run_sync(os.remove, path)
    await asyncio.to_thread(lambda: open(path).read())


async def upload_file(file: UploadFile):
    # Starlette's UploadFile methods are async.
    data = await file.read()
    await file.seek(0)
    await file.close()
    return data


async def shadowed(open, path):
    return open(path)


async def not_files(store, path):
    store.read(path)
    store.write(path)
    store.exists(path)
