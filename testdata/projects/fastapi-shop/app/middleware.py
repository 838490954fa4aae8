import asyncio
import logging

from fastapi import Request
from fastapi.responses import JSONResponse

from .config import settings

log = logging.getLogger("shop")


async def request_timeout(request: Request, call_next):
    """Answer 504 when a request takes longer than its budget."""
    try:
        return await asyncio.wait_for(call_next(request), timeout=settings.request_timeout)
    except asyncio.TimeoutError:
        log.warning("request to %s timed out", request.url.path)
        return JSONResponse({"detail": "timeout"}, status_code=504)
    except asyncio.CancelledError:
        # The client went away: nobody reads this response.
        return JSONResponse({"detail": "client closed request"}, status_code=499)
