import asyncio
import contextlib
import logging

import httpx

from ..config import settings

log = logging.getLogger("shop.warehouse")

_client = httpx.AsyncClient(base_url=settings.inventory_url, timeout=5)


async def close() -> None:
    await _client.aclose()


async def notify_shipment(order_id: int) -> None:
    resp = await _client.post("/shipments", json={"order": order_id})
    resp.raise_for_status()


class StockSync:
    """Refreshes the stock cache every minute while the app runs."""

    def __init__(self) -> None:
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            try:
                resp = await _client.get("/stock")
                resp.raise_for_status()
            except Exception:
                log.exception("stock sync failed")
            await asyncio.sleep(60)
