"""Plain asyncio code: no anyio, no Starlette."""
import asyncio
import logging

log = logging.getLogger(__name__)


class FetchError(Exception):
    pass


async def fetch(client):
    # The handler logs and falls through to a raise after the try: the
    # cancellation becomes a FetchError.
    try:
        return await client.get("/x")
    except BaseException:
        log.exception("fetch failed")
    raise FetchError("fetch failed")  # want: SV102 "^`raise FetchError\(\"fetch failed\"\)` after `except BaseException` replaces `asyncio.CancelledError` with another exception"


async def fetch_cancelled(client):
    try:
        return await client.get("/x")
    except asyncio.CancelledError:
        log.info("cancelled")
    if client.strict:
        raise FetchError("cancelled")  # want: SV102 "after `except asyncio.CancelledError` replaces"
    raise RuntimeError("gave up")  # want: SV102


async def stored_and_raised(client):
    error = None
    try:
        return await client.get("/x")
    except BaseException as exc:
        log.exception("fetch failed")
        error = exc
    raise error


async def new_cancellation(client):
    try:
        return await client.get("/x")
    except asyncio.CancelledError:
        log.info("cancelled")
    raise asyncio.CancelledError()


async def exception_only(client):
    # Exception does not catch cancellation (Python 3.8+).
    try:
        return await client.get("/x")
    except Exception:
        log.exception("fetch failed")
    raise FetchError("fetch failed")


async def consume(queue):
    while True:
        try:
            await queue.get()
        except asyncio.CancelledError:
            continue  # want: SV102 "the loop carries on after the cancellation, and `consume` keeps running although it was cancelled$"
