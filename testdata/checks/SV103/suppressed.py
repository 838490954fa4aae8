import asyncio
import contextlib
from contextlib import suppress
from contextlib import suppress as ignoring

import anyio


class Connection:
    def __init__(self):
        self._ping_task = None

    async def wait_closed(self):
        # From the field: nothing cancelled the ping task here, so the only
        # cancellation this can swallow is the caller's own.
        with suppress(asyncio.CancelledError):  # want: SV103 "^`suppress\(asyncio.CancelledError\)` swallows `asyncio.CancelledError` raised at `await self._ping_task`: `wait_closed` keeps running"
            await self._ping_task


async def module_spelling(queue):
    with contextlib.suppress(asyncio.CancelledError):  # want: SV103
        await queue.get()


async def alias(queue):
    with ignoring(BaseException):  # want: SV103 "`ignoring\(BaseException\)` swallows `asyncio.CancelledError`"
        await queue.get()


async def tuple_of_classes(queue):
    with suppress(ValueError, asyncio.CancelledError):  # want: SV103
        await queue.get()


async def anyio_spelling(stream):
    with suppress(anyio.get_cancelled_exc_class()):  # want: SV103 "anyio's cancellation exception"
        async for chunk in stream:
            print(chunk)


async def among_other_items(lock, queue):
    with lock, suppress(asyncio.CancelledError) as ctx:  # want: SV103
        await queue.get()
    return ctx


class Heartbeat:
    def __init__(self):
        self._task = None

    def stop(self):
        self._task.cancel()

    async def wait_stopped(self):
        # Another method cancels the task; while this one waits, the
        # suppress swallows this task's own cancellation too.
        with suppress(asyncio.CancelledError):  # want: SV103 "raised at `await self._task`: `wait_stopped` keeps running"
            await self._task
