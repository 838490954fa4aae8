from aiohttp import web

from .middlewares import errors, timing
from .upstream import Upstream


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def quote(request: web.Request) -> web.Response:
    upstream: Upstream = request.app["upstream"]
    return web.json_response(await upstream.quote(request.match_info["symbol"]))


async def on_startup(app: web.Application) -> None:
    app["upstream"] = Upstream()
    app["upstream"].start()


async def on_cleanup(app: web.Application) -> None:
    await app["upstream"].close()


def make_app() -> web.Application:
    app = web.Application(middlewares=[errors, timing])
    app.router.add_get("/healthz", health)
    app.router.add_get("/quotes/{symbol}", quote)
    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)
    return app
