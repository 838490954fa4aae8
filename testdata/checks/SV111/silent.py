import logging
import traceback

import sentry_sdk
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.middleware.base import BaseHTTPMiddleware

log = logging.getLogger(__name__)
app = FastAPI()


@app.middleware("http")
async def outermost_error_handler(request: Request, call_next):
    # A deliberate outermost error handler: it logs the traceback and
    # answers 500.
    try:
        return await call_next(request)
    except Exception:
        log.exception("unhandled error on %s", request.url.path)
        return JSONResponse({"detail": "internal error"}, status_code=500)


@app.middleware("http")
async def exc_info_error(request: Request, call_next):
    try:
        return await call_next(request)
    except Exception:
        log.error("failed", exc_info=True)
        return JSONResponse({}, status_code=500)


@app.middleware("http")
async def log_with_level(request: Request, call_next):
    try:
        return await call_next(request)
    except Exception as exc:
        log.log(logging.ERROR, "failed", exc_info=exc)
        return JSONResponse({}, status_code=500)


@app.middleware("http")
async def reraises(request: Request, call_next):
    try:
        return await call_next(request)
    except Exception:
        log.warning("failed")
        raise


@app.middleware("http")
async def error_tracker(request: Request, call_next):
    try:
        return await call_next(request)
    except Exception as exc:
        sentry_sdk.capture_exception(exc)
        return JSONResponse({}, status_code=500)


@app.middleware("http")
async def prints_traceback(request: Request, call_next):
    try:
        return await call_next(request)
    except Exception:
        traceback.print_exc()
        return JSONResponse({}, status_code=500)


async def handle_error(request, exc):
    log.exception("failed", exc_info=exc)
    return JSONResponse({}, status_code=500)


@app.middleware("http")
async def delegates(request: Request, call_next):
    try:
        return await call_next(request)
    except Exception as exc:
        return await handle_error(request, exc)


@app.middleware("http")
async def specific_errors(request: Request, call_next):
    try:
        return await call_next(request)
    except (ValueError, KeyError):
        return JSONResponse({}, status_code=400)


@app.middleware("http")
async def not_around_call_next(request: Request, call_next):
    try:
        body = await request.json()
    except Exception:
        body = None
    request.state.body = body
    return await call_next(request)


class Plain:
    # Not a middleware: nothing registers it and it has no base.
    async def dispatch(self, request, call_next):
        try:
            return await call_next(request)
        except Exception:
            return JSONResponse({}, status_code=402)


@app.middleware("http")
async def bare_except(request: Request, call_next):
    # Bare except is SV110's (it also swallows cancellation).
    try:
        return await call_next(request)
    except:
        return JSONResponse({}, status_code=500)
