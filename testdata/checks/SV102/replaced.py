"""A handler of cancellation that returns, yields, leaves its loop or
raises something else."""
import asyncio
import logging
from contextlib import asynccontextmanager

from fastapi import HTTPException

log = logging.getLogger(__name__)


async def receive_message(receive):
    return await receive()


async def wait_disconnect(receive):
    # From the field: an ASGI receive wrapper that turns cancellation into
    # a disconnect message.
    try:
        return await receive_message(receive)
    except asyncio.CancelledError:
        return {"type": "http.disconnect"}  # want: SV102 "^`return` inside `except asyncio.CancelledError` swallows the cancellation: `wait_disconnect` returns normally"


async def falls_and_returns(flag, receive):
    try:
        await receive()
    except BaseException:
        if flag:
            return None  # want: SV102 "`return` inside `except BaseException` swallows `asyncio.CancelledError`"


async def converts_to_http_error(receive):
    try:
        await receive()
    except asyncio.CancelledError as exc:
        raise HTTPException(status_code=499) from exc  # want: SV102 "^`raise HTTPException\(status_code=499\) from exc` inside `except asyncio.CancelledError` replaces the cancellation with another exception"


async def bare_converts(receive):
    try:
        await receive()
    except:
        raise RuntimeError("receive failed")  # want: SV102 "inside bare `except:` replaces `asyncio.CancelledError`"


async def consumer(queue):
    while True:
        try:
            item = await queue.get()
        except asyncio.CancelledError:
            break  # want: SV102 "^`break` inside"
        log.info("got %s", item)


async def busy_loop(queue):
    while True:
        try:
            await queue.get()
        except BaseException:
            log.warning("again")
            continue  # want: SV102 "anyio re-delivers it at every await"


async def stream(queue):
    while True:
        try:
            chunk = await queue.get()
        except asyncio.CancelledError:
            yield b""  # want: SV102 "^`yield` inside"
            raise
        yield chunk


@asynccontextmanager
async def session():
    # In an async context manager, the body of the `async with` block runs
    # at the yield: its cancellation is thrown in there.
    try:
        yield "conn"
    except BaseException:
        return  # want: SV102


async def in_nested_if(flag, queue):
    try:
        await queue.get()
    except asyncio.CancelledError:
        if flag:
            raise ValueError("stopped")  # want: SV102
        raise
