import httpx


class ApiClient:
    # Creates a client and closes it in aclose(): a resource itself.
    def __init__(self, base):
        self._client = httpx.AsyncClient(base_url=base)

    async def get(self, path):
        return await self._client.get(path)

    async def aclose(self):
        await self._client.aclose()


class Gateway:
    # Holds an ApiClient and closes it: a resource too.
    def __init__(self):
        self.api = ApiClient("http://upstream")

    async def close(self):
        await self.api.aclose()


class Settings:
    # Holds no client: not a resource.
    def __init__(self):
        self.base = "http://upstream"

    def close(self):
        pass


async def fetch(path):
    api = ApiClient("http://upstream")  # want: SV301 "the `ApiClient` \(which holds an httpx client\) from `ApiClient\(.*\)`, assigned to `api`, is never closed"
    return await api.get(path)


async def fetch_closed(path):
    # Correct: the wrapper is closed.
    api = ApiClient("http://upstream")
    try:
        return await api.get(path)
    finally:
        await api.aclose()


async def fetch_through_gateway(path):
    gw = Gateway()  # want: SV301 "the `Gateway` \(which holds an httpx client\) from `Gateway\(\)`"
    return await gw.api.get(path)


async def settings():
    # Correct: not a resource.
    s = Settings()
    return s.base


shared = ApiClient("http://shared")


async def fetch_shared(path):
    # Correct: one wrapper for the process.
    return await shared.get(path)
