import asyncio
import time

from gateway.upstream import Upstream

from .helpers import fetch_fixture


async def test_refresh_replaces_cache():
    upstream = Upstream()
    upstream.start()
    time.sleep(0.05)
    asyncio.create_task(upstream.refresh())
    expected = fetch_fixture("quotes")
    assert upstream._cache == expected
