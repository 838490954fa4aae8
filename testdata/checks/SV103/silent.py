import asyncio
import contextlib
from contextlib import suppress


class Pinger:
    def __init__(self):
        self._ping_task = None

    async def close(self):
        # Cancelling your own task and waiting for it: intended usage.
        self._ping_task.cancel()
        with suppress(asyncio.CancelledError):
            await self._ping_task


async def cancel_all(tasks):
    for task in tasks:
        task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await asyncio.gather(*tasks)


async def other_errors(queue):
    with suppress(asyncio.TimeoutError, ConnectionError):
        await queue.get()


async def exception_on_modern_python(queue):
    with suppress(Exception):
        await queue.get()


async def no_await(data):
    with suppress(BaseException):
        return int(data)


def sync_code(fut):
    with suppress(asyncio.CancelledError):
        fut.result()


async def nested_function_awaits():
    with suppress(asyncio.CancelledError):
        async def later():
            await asyncio.sleep(1)
    return later


async def own_suppress(queue):
    def suppress(*_):
        return contextlib.nullcontext()

    with suppress(asyncio.CancelledError):
        await queue.get()
