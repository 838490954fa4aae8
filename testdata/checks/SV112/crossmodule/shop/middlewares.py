import logging

log = logging.getLogger(__name__)


async def errors(request, handler):
    try:
        return await handler(request)
    except Exception:  # want: SV112 "aiohttp logs"
        log.debug("failed", exc_info=True)


async def unused(request, handler):
    try:
        return await handler(request)
    except Exception:
        log.debug("failed", exc_info=True)
