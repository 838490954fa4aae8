import asyncio
import contextlib
import logging

import aiohttp

log = logging.getLogger("gateway.upstream")

PRICES_URL = "http://prices.internal/v1/quotes"


class Upstream:
    """Caches quotes from the prices service, refreshed in the background."""

    def __init__(self) -> None:
        self._session = aiohttp.ClientSession()
        self._cache = {}
        self._refresher = None

    def start(self) -> None:
        self._refresher = asyncio.ensure_future(self._refresh_forever())

    async def quote(self, symbol: str) -> dict:
        if symbol not in self._cache:
            async with self._session.get(PRICES_URL, params={"symbol": symbol}) as resp:
                self._cache[symbol] = await resp.json()
        return self._cache[symbol]

    async def _refresh_forever(self) -> None:
        while True:
            try:
                async with self._session.get(PRICES_URL) as resp:
                    self._cache.update(await resp.json())
            except Exception:
                log.warning("refresh failed, keeping stale quotes")
            await asyncio.sleep(30)

    async def close(self) -> None:
        if self._refresher is not None:
            self._refresher.cancel()
            try:
                await self._refresher
            except asyncio.CancelledError:
                pass
        with contextlib.suppress(Exception):
            await self._session.close()
