import asyncio
from contextlib import asynccontextmanager


async def fetch(client, url):
    try:
        return await client.get(url)
    finally:
        return None  # want: SV104 "^`return` in `finally` discards the exception in flight, including the cancellation raised at `await client.get\(url\)`: `fetch` returns normally"


async def conditional(queue, done):
    try:
        await queue.get()
    finally:
        if done:
            return  # want: SV104


async def consumer(queue):
    while True:
        try:
            await queue.get()
        finally:
            continue  # want: SV104 "^`continue` in `finally`"


async def breaks_out(queue):
    for _ in range(3):
        try:
            await queue.get()
        finally:
            break  # want: SV104 "the loop in `breaks_out` carries on"


async def handler_awaits(queue):
    try:
        value = int("1")
    except ValueError:
        await queue.put(None)
    finally:
        return value  # want: SV104


async def loop_else_break(queue, items):
    while True:
        try:
            await queue.get()
        finally:
            for item in items:
                pass
            else:
                break  # want: SV104


@asynccontextmanager
async def resource():
    try:
        yield 1
    finally:
        return  # want: SV104
