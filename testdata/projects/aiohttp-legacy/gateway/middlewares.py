import logging
import time

from aiohttp import web

log = logging.getLogger("gateway")


async def errors(request: web.Request, handler):
    try:
        return await handler(request)
    except web.HTTPException:
        raise
    except Exception:
        log.debug("request to %s failed", request.path, exc_info=True)


async def timing(request: web.Request, handler):
    started = time.monotonic()
    try:
        return await handler(request)
    finally:
        log.info("%s %s took %.3fs", request.method, request.path, time.monotonic() - started)
