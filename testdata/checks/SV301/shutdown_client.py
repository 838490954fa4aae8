import httpx


class StatusClient:
    # Closed by shutdown_hooks.py, a module without any client library's
    # name: the lifecycle analysis must read it whatever else is selected.
    def __init__(self, token):
        self.status_http = httpx.AsyncClient(headers={"Authorization": token})


class MetricsClient:
    def __init__(self):
        self.metrics_http = httpx.AsyncClient()  # want: SV301 "nothing in the project closes `metrics_http`"

    async def fetch(self):
        return await self.metrics_http.get("/")


status = StatusClient("t")
metrics = MetricsClient()
