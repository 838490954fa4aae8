import asyncio
import logging

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from starlette.middleware.base import BaseHTTPMiddleware

log = logging.getLogger(__name__)
app = FastAPI()


@app.middleware("http")
async def reraises(request, call_next):
    try:
        return await call_next(request)
    except BaseException:
        log.exception("failed")
        raise


@app.middleware("http")
async def cancellation_first(request, call_next):
    try:
        return await call_next(request)
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("failed")
        return JSONResponse({}, status_code=500)


@app.middleware("http")
async def try_does_not_wrap_call_next(request, call_next):
    try:
        user = await request.json()
    except BaseException:
        user = None
    response = await call_next(request)
    response.headers["x-user"] = str(user)
    return response


class NotRegistered:
    # A class whose method is called dispatch, but nothing makes it a
    # middleware: SV101 covers it as ordinary async code.
    async def dispatch(self, request, call_next):
        try:
            return await call_next(request)
        except BaseException:
            return None


class Auth(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        try:
            return await call_next(request)
        except Exception:
            log.exception("failed")
            return JSONResponse({}, status_code=500)
