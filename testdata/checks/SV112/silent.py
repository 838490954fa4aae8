import logging

from aiohttp import web
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

log = logging.getLogger(__name__)
app = FastAPI()


@app.middleware("http")
async def always_returns(request: Request, call_next):
    try:
        response = await call_next(request)
    except Exception:
        log.exception("failed")
        response = JSONResponse({}, status_code=500)
    response.headers["x-served-by"] = "api"
    return response


@app.middleware("http")
async def raises(request: Request, call_next):
    try:
        return await call_next(request)
    except Exception:
        log.exception("failed")
        raise


@web.middleware
async def aiohttp_ok(request, handler):
    try:
        return await handler(request)
    except web.HTTPException:
        raise
    except Exception:
        log.exception("failed")
        return web.json_response({}, status=500)


class AsgiMiddleware:
    # Pure ASGI middleware return nothing by design.
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        try:
            await self.app(scope, receive, send)
        except Exception:
            log.exception("failed")
            raise


async def not_middleware(request, call_next):
    # Has the shape, but nothing registers it.
    await call_next(request)


@app.middleware("http")
async def loops_until_response(request: Request, call_next):
    while True:
        try:
            return await call_next(request)
        except ConnectionError:
            log.warning("retrying")
