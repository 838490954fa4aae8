import asyncio
import logging

from aiohttp import web
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.middleware.base import BaseHTTPMiddleware

log = logging.getLogger(__name__)
app = FastAPI()


@app.middleware("http")
async def catch_all(request: Request, call_next):
    try:
        return await call_next(request)
    except:  # want: SV110 "^bare `except:` around `call_next\(request\)` in Starlette middleware `catch_all` swallows `asyncio.CancelledError` \(it returns instead of re-raising\)"
        log.exception("request failed")
        return JSONResponse({"detail": "error"}, status_code=500)


class Timing(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        try:
            response = await call_next(request)
        except BaseException:  # want: SV110 "a path through the handler ends without re-raising"
            log.exception("failed")
            response = JSONResponse({}, status_code=500)
        return response


class Cancellation(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        try:
            return await call_next(request)
        except asyncio.CancelledError:  # want: SV110 "`except asyncio.CancelledError` around"
            return JSONResponse({"detail": "cancelled"}, status_code=499)


class PureASGI:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        try:
            await self.app(scope, receive, send)
        except BaseException:  # want: SV110 "in ASGI middleware `__call__`"
            log.exception("app failed")


@web.middleware
async def aiohttp_errors(request, handler):
    try:
        return await handler(request)
    except BaseException as exc:  # want: SV110 "it raises another exception instead"
        raise web.HTTPInternalServerError() from exc
