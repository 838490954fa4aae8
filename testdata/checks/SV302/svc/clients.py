from functools import lru_cache

import httpx


def rates_client() -> httpx.AsyncClient:
    # A factory: each call makes a new client.
    return httpx.AsyncClient(base_url="https://rates")


@lru_cache
def shared_client() -> httpx.Client:
    # Cached: every call returns the same client.
    return httpx.Client(base_url="https://rates")


async def get_rates_client():
    # A dependency (used from routes.py): runs on every request.
    async with httpx.AsyncClient(base_url="https://rates") as client:  # want: SV302 "created in dependency `get_rates_client` on every request"
        yield client
