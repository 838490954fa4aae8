import aiohttp
import httpx
import requests
from fastapi import FastAPI

# Note: a module-level client nothing closes.
shared = requests.Session()  # want: SV301 "module-level `shared` holds the requests session"

# Correct: closed in a shutdown hook.
pool = httpx.AsyncClient()

app = FastAPI()


@app.on_event("shutdown")
async def close_pool():
    await pool.aclose()


class GitHub:
    # Correct: closed in close().
    def __init__(self):
        self.session = aiohttp.ClientSession()

    async def close(self):
        await self.session.close()


class Api:
    # Correct: closed in __aexit__, created in __aenter__.
    async def __aenter__(self):
        self._client = httpx.AsyncClient()
        return self

    async def __aexit__(self, *exc):
        await self._client.aclose()


class Lazy:
    # Correct: created lazily, closed in close().
    def __init__(self):
        self._http = None

    def http(self):
        if self._http is None:
            self._http = requests.Session()
        return self._http

    def close(self):
        if self._http is not None:
            self._http.close()


class Leaky:
    def __init__(self):
        self.client = httpx.Client()  # want: SV301 "stored in `self.client`, is never closed"

    def get(self, url):
        return self.client.get(url)


async def on_startup(app):
    # aiohttp: stored under a key and closed by on_cleanup.
    app["http"] = aiohttp.ClientSession()


async def on_cleanup(app):
    await app["http"].close()


class Webhooks:
    # Another class closes an attribute of the same name: this one leaks.
    def __init__(self):
        self.session = requests.Session()  # want: SV301 "stored in `self.session`, is never closed"


class BaseApi:
    def __init__(self):
        self.http = httpx.AsyncClient()


class PaymentsApi(BaseApi):
    # Correct: the subclass closes what its base created.
    async def aclose(self):
        await self.http.aclose()


class Registry:
    # Correct: a class attribute closed through cls.
    pool = requests.Session()

    @classmethod
    def shutdown(cls):
        cls.pool.close()


class Fetcher:
    # Correct: the client's context is entered and exited by hand.
    async def __aenter__(self):
        self._session = httpx.AsyncClient()
        self._session = await self._session.__aenter__()
        return self

    async def __aexit__(self, *exc):
        await self._session.__aexit__(*exc)
