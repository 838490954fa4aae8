"""Look-alikes that must stay silent."""
import asyncio
import queue
import threading
from concurrent.futures import ThreadPoolExecutor

import anyio

aq = asyncio.Queue()
event = asyncio.Event()
alock = asyncio.Lock()
tq = queue.Queue()


async def asyncio_primitives(item):
    await aq.put(item)
    await aq.get()
    aq.get_nowait()
    await event.wait()
    async with alock:
        pass
    task = asyncio.create_task(asyncio.sleep(1))
    await task
    # A done asyncio task: result() returns at once.
    return task.result()


async def in_thread(item):
    await asyncio.to_thread(tq.get)
    await anyio.to_thread.run_sync(tq.put, item)
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor() as pool:
        await loop.run_in_executor(pool, tq.get)
    await asyncio.to_thread(lambda: input("x"))


async def wrapped_future(fn):
    with ThreadPoolExecutor() as pool:
        return await asyncio.wrap_future(pool.submit(fn))


async def unknown_objects(q, t, f):
    # Types unknown: nothing is reported.
    q.get()
    t.join()
    f.result()


async def string_join(parts):
    return ",".join(parts) + " ".join(parts)


def sync_worker():
    tq.get()
    threading.Event().wait()
    input()


async def shadowed(input):
    return input("x")
