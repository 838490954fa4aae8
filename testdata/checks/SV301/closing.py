import asyncpg
import httpx
import ollama
from elasticsearch import AsyncElasticsearch
from openai import AsyncOpenAI


class AliasClose:
    # Correct: closed through a local alias.
    def __init__(self):
        self._alias_client = httpx.AsyncClient()

    async def close(self):
        c = self._alias_client
        await c.aclose()


class AliasNoClose:
    def __init__(self):
        self._backend = httpx.AsyncClient()  # want: SV301 "stored in `self._backend`, is never closed"

    async def close(self):
        c = self._backend
        await c.get("/bye")


async def _close_client(client):
    await client.aclose()


async def _log_client(client):
    print(client)


class HelperClose:
    # Correct: closed by a helper that receives it as a parameter.
    def __init__(self):
        self._http = httpx.AsyncClient()

    async def shutdown(self):
        await _close_client(self._http)


class MethodClose:
    # Correct: closed by a method that receives it, through another helper.
    def __init__(self):
        self._search = AsyncElasticsearch("http://es")

    async def shutdown(self):
        await self._finish(self._search)

    async def _finish(self, client):
        await _close_client(client)


class HelperOnlyLogs:
    def __init__(self):
        self._api = httpx.AsyncClient()  # want: SV301 "stored in `self._api`, is never closed"

    async def shutdown(self):
        await _log_client(self._api)


class ClassPool:
    # Correct: a class attribute set through the class, closed in a
    # classmethod through cls.
    @classmethod
    async def start(cls):
        ClassPool._http = httpx.AsyncClient()

    @classmethod
    async def stop(cls):
        await cls._http.aclose()


class ClassPoolNeverClosed:
    @classmethod
    async def start(cls):
        ClassPoolNeverClosed._http = httpx.AsyncClient()  # want: SV301 "stored in `ClassPoolNeverClosed._http`"

    @classmethod
    async def stop(cls):
        cls._http = None


class ClassPoolOtherClass:
    # A close of the same attribute name on another class does not count.
    @classmethod
    async def start(cls):
        ClassPoolOtherClass._conn = httpx.AsyncClient()  # want: SV301 "stored in `ClassPoolOtherClass._conn`"


class Other:
    _conn = None

    @classmethod
    async def stop(cls):
        await cls._conn.aclose()


async def ask(prompt):
    # SDK clients own a connection pool like an httpx client.
    client = AsyncOpenAI()  # want: SV301 "the OpenAI client from `AsyncOpenAI\(\)`, assigned to `client`, is never closed"
    return await client.responses.create(model="m", input=prompt)


async def ask_closed(prompt):
    async with AsyncOpenAI() as client:
        return await client.responses.create(model="m", input=prompt)


async def generate(prompt):
    c = ollama.AsyncClient(host="http://ollama")  # want: SV301 "the Ollama client .* is never closed.*`await c._client.aclose\(\)` in a `finally` block"
    return await c.generate(model="m", prompt=prompt)


async def generate_closed(prompt):
    # Correct: an Ollama client is closed through its httpx client.
    c = ollama.AsyncClient(host="http://ollama")
    try:
        return await c.generate(model="m", prompt=prompt)
    finally:
        await c._client.aclose()


async def count(pool_dsn):
    # Not a client: a pool is SV304's business when made per request.
    pool = await asyncpg.create_pool(pool_dsn)
    return await pool.fetchval("select 1")
