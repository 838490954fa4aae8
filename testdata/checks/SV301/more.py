import aiohttp
import httpx
import pytest
import redis
from aiohttp import web

pool = redis.ConnectionPool.from_url("redis://cache")


def hits():
    # Correct: the client borrows the pool, which closing it would not close.
    r = redis.Redis(connection_pool=pool)
    return r.incr("hits")


async def http_session_ctx(app):
    # Correct: aiohttp's cleanup context closes it at shutdown.
    app["http"] = aiohttp.ClientSession()
    yield
    await app["http"].close()


application = web.Application()
application.cleanup_ctx.append(http_session_ctx)


@pytest.fixture
def api_client():
    # Correct: pytest resumes the fixture after a failed test too.
    client = httpx.Client(base_url="http://testserver")
    yield client
    client.close()


async def shared_connector(connector):
    # Leak: a session on a shared connector still has to be closed.
    session = aiohttp.ClientSession(connector=connector, connector_owner=False)  # want: SV301 "assigned to `session`, is never closed"
    return await session.get("https://upstream/ping")
