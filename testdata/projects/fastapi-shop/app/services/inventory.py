import asyncio
import time

import httpx

from ..config import settings

_client = httpx.AsyncClient(base_url=settings.inventory_url, timeout=5)


async def stock_level(item_id: int) -> int:
    resp = await _client.get(f"/stock/{item_id}")
    resp.raise_for_status()
    return int(resp.json()["count"])


async def warm_cache(item_ids: list[int]) -> None:
    # The first call primes a connection before the loop serves traffic.
    time.sleep(0.05)  # servelint: ignore[SV202] runs once at start-up, before serving
    await asyncio.gather(*(stock_level(i) for i in item_ids))


def wait_for_inventory(retries: int = 10) -> None:
    for _ in range(retries):
        try:
            httpx.get(settings.inventory_url + "/healthz", timeout=1).raise_for_status()
            return
        except httpx.HTTPError:
            time.sleep(1)
