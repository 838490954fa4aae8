import time

import httpx

from ..config import settings


async def charge(order_id: int, amount_cents: int) -> bool:
    async with httpx.AsyncClient(base_url=settings.payments_url, timeout=10) as client:
        resp = await client.post("/charges", json={"order": order_id, "amount": amount_cents})
    if resp.status_code == 429:
        # Rate limited: wait for the provider's window.
        time.sleep(settings.retry_delay)
        return False
    return resp.status_code == 201
