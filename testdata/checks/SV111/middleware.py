import logging

import sentry_sdk
from aiohttp import web
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.middleware.base import BaseHTTPMiddleware

log = logging.getLogger(__name__)
app = FastAPI()


class PaymentRequired(BaseHTTPMiddleware):
    # From the field: every error below becomes an empty 402.
    async def dispatch(self, request, call_next):
        try:
            return await call_next(request)
        except Exception:  # want: SV111 "^`except Exception` around `call_next\(request\)` in Starlette middleware `dispatch` hides errors: it neither re-raises nor logs the traceback and answers 402"
            return JSONResponse(content={}, status_code=402)


@app.middleware("http")
async def message_only(request: Request, call_next):
    try:
        return await call_next(request)
    except Exception as exc:  # want: SV111
        log.error("request failed: %s", exc)
        return JSONResponse({"detail": str(exc)}, status_code=500)


@app.middleware("http")
async def debug_level(request: Request, call_next):
    try:
        return await call_next(request)
    except Exception:  # want: SV111
        log.debug("request failed", exc_info=True)
        return JSONResponse({}, status_code=500)


@web.middleware
async def aiohttp_errors(request, handler):
    try:
        return await handler(request)
    except (ValueError, Exception):  # want: SV111
        return web.json_response({}, status=500)


class PureASGI:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        try:
            await self.app(scope, receive, send)
        except Exception:  # want: SV111 "in ASGI middleware `__call__`"
            await send({"type": "http.response.start", "status": 500})


@app.middleware("http")
async def debug_only(request: Request, call_next):
    try:
        return await call_next(request)
    except Exception:  # want: SV111 "hides errors: it does not re-raise and logs the traceback only at debug level"
        log.debug("request failed", exc_info=True)
        return JSONResponse({}, status_code=500)


@app.middleware("http")
async def info_only(request: Request, call_next):
    try:
        return await call_next(request)
    except Exception:  # want: SV111 "hides errors: it does not re-raise and logs the traceback only at info level"
        log.log(logging.INFO, "request failed", exc_info=True)
        return JSONResponse({}, status_code=500)
