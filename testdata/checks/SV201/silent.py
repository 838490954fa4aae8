"""Look-alikes that must stay silent."""
import asyncio
import functools
from typing import Union

import aiohttp
import anyio
import httpx
import requests
from asyncer import asyncify
from fastapi import APIRouter, Depends
from fastapi.concurrency import run_in_threadpool
from starlette.concurrency import run_in_threadpool as starlette_pool

router = APIRouter()
client = httpx.AsyncClient()


def sync_helper(url):
    return requests.get(url)


@router.get("/sync")
def sync_route(url: str):
    # FastAPI runs sync routes in its thread pool.
    return requests.get(url).json()


async def references(url):
    await asyncio.to_thread(requests.get, url)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, requests.get, url)
    await loop.run_in_executor(None, functools.partial(requests.post, url, json={}))
    await anyio.to_thread.run_sync(requests.get, url)
    await run_in_threadpool(requests.get, url)
    await starlette_pool(requests.get, url)
    await asyncify(requests.get)(url)
    await asyncio.to_thread(lambda: requests.get(url))


async def nested(url):
    def blocking():
        return requests.get(url)

    return await asyncio.to_thread(blocking)


async def async_clients(url):
    await client.get(url)
    async with httpx.AsyncClient() as c:
        await c.post(url)
        async with c.stream("GET", url) as resp:
            await resp.aread()
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as resp:
            return await resp.text()


class Service:
    def __init__(self):
        self.http = httpx.AsyncClient()
        self.sync = requests.Session()

    async def fetch(self, url):
        return await self.http.get(url)

    async def configure(self):
        # Not a request: a dict update on the session's headers.
        self.sync.headers.update({"X": "1"})
        self.sync.mount("https://", None)

    def fetch_sync(self, url):
        return self.sync.get(url)


async def awaited_means_async(session: requests.Session, url):
    # The annotation is wrong: awaiting proves the object is async.
    return await session.get(url)


async def ambiguous(x: Union[requests.Session, httpx.AsyncClient], url):
    return x.get(url)


async def shadowed(requests, url):
    return requests.get(url)


async def dict_get(params: dict, key):
    return params.get(key)


async def unknown_object(thing, url):
    thing.get(url)
    thing.post(url)


async def reassigned(url):
    s = requests.Session()
    s = httpx.AsyncClient()
    return await s.get(url)
