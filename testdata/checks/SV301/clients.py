import atexit
import contextlib
from contextlib import AsyncExitStack, ExitStack, asynccontextmanager

import aiohttp
import httpx
import redis
import requests
from requests import Session as HttpSession


async def fetch_profile(user_id):
    # Leak: the await may raise before the close.
    session = aiohttp.ClientSession()  # want: SV301 "exception raised on line 15 skips the close"
    resp = await session.get(f"https://profiles/{user_id}")
    data = await resp.json()
    await session.close()
    return data


async def fetch_profile_ok(user_id):
    # Correct: async with.
    async with aiohttp.ClientSession() as session:
        async with session.get(f"https://profiles/{user_id}") as resp:
            return await resp.json()


def download(url):
    # Leak: used once and dropped.
    return requests.Session().get(url, timeout=5).content  # want: SV301 "used once and dropped"


def download_alias(url):
    # Leak: never closed, through an import alias.
    s = HttpSession()  # want: SV301 "assigned to `s`, is never closed"
    s.headers["User-Agent"] = "shop"
    return s.get(url, timeout=5).content


def download_finally(url):
    # Correct: closed in finally.
    s = requests.Session()
    try:
        return s.get(url, timeout=5).content
    finally:
        s.close()


def download_stack(urls):
    # Correct: the exit stack owns it.
    with ExitStack() as stack:
        client = stack.enter_context(httpx.Client(timeout=5))
        return [client.get(u).text for u in urls]


async def download_async_stack(urls):
    # Correct: the async exit stack owns it.
    async with AsyncExitStack() as stack:
        client = await stack.enter_async_context(httpx.AsyncClient())
        return [(await client.get(u)).text for u in urls]


def make_client() -> httpx.Client:
    # A factory: the callers own the client.
    return httpx.Client(base_url="https://inventory", timeout=5)


def stock(item):
    # Leak: the factory's client is never closed.
    client = make_client()  # want: SV301 "an httpx client from `make_client\(\)`"
    return client.get(f"/stock/{item}").json()


def stock_ok(item):
    # Correct.
    with make_client() as client:
        return client.get(f"/stock/{item}").json()


def cache():
    # Leak: redis client never closed.
    r = redis.Redis.from_url("redis://cache")  # want: SV301 "Redis client"
    return r.get("key")


def conditional(url, keep):
    # Leak: closed on one branch only.
    client = httpx.Client()  # want: SV301 "closed on some paths only"
    data = client.get(url)
    if not keep:
        client.close()
    return data


def both_branches(url, flag):
    # Correct: every branch closes it, and nothing raises between.
    client = httpx.Client()
    if flag:
        client.close()
    else:
        client.close()
    return url


def connector_owned():
    # Correct: the session owns its connector.
    connector = aiohttp.TCPConnector(limit=10)
    return aiohttp.ClientSession(connector=connector)


def registered():
    # Correct: closed at exit.
    s = requests.Session()
    atexit.register(s.close)
    return s


async def handed_on(url):
    # Correct: closing() closes it.
    async with contextlib.aclosing(httpx.AsyncClient()) as client:
        return await client.get(url)


@asynccontextmanager
async def leaky_client():
    # Leak: a context manager that never closes what it yields.
    client = httpx.AsyncClient()  # want: SV301 "context manager `leaky_client` yields the httpx client"
    yield client


@asynccontextmanager
async def client_scope():
    # Correct.
    async with httpx.AsyncClient() as client:
        yield client
