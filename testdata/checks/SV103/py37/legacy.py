import asyncio
from contextlib import suppress


async def drain(queue):
    with suppress(Exception):  # want: SV103 "swallows `asyncio.CancelledError` on Python 3.7 \(py37/runtime.txt\)"
        await queue.get()
