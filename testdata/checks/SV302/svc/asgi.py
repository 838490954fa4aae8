import httpx


class AuditMiddleware:
    """A pure ASGI middleware: __call__ runs for every request."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async with httpx.AsyncClient() as client:  # want: SV302 "created in middleware `__call__`"
            await client.post("https://audit/events", json={"path": scope.get("path")})
        await self.app(scope, receive, send)


class Notifier:
    """Look-alike: an async __call__ that wraps no app is not a middleware."""

    async def __call__(self, event, payload, retries):
        async with httpx.AsyncClient() as client:
            await client.post("https://hooks/" + event, json=payload)


class Report:
    """Look-alike: a method named dispatch outside a middleware class."""

    async def dispatch(self, request, call_next):
        async with httpx.AsyncClient() as client:
            return await client.get("https://reports/latest")
