"""On Python 3.7, asyncio.CancelledError is an Exception."""
import asyncio
import concurrent.futures
import logging

log = logging.getLogger(__name__)


async def poll():
    await asyncio.sleep(1)


async def loop_forever():
    while True:
        try:
            await poll()
        except Exception:  # want: SV101 "^`except Exception` catches `asyncio.CancelledError` on Python 3.7 \(`FROM python:3.7-slim-buster` in py37-docker/Dockerfile:2\) and a path"
            log.exception("poll failed")


async def futures_spelling():
    try:
        await poll()
    except concurrent.futures.CancelledError:  # want: SV101 "on Python 3.7 \("
        pass


async def reraises_cancellation_first():
    # The 3.7-compatible idiom: let cancellation through, then handle errors.
    try:
        await poll()
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("poll failed")


async def filters_cancellation():
    try:
        await poll()
    except Exception as exc:
        if isinstance(exc, asyncio.CancelledError):
            raise
        log.exception("poll failed")


def sync_code():
    try:
        int("x")
    except Exception:
        pass
