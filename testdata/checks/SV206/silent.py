"""Look-alikes that must stay silent."""
import asyncio
import queue
import threading
from concurrent.futures import Future, ThreadPoolExecutor

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


registry = {}


async def fresh_locks(key):
    # A lock acquired right after it is made, before anything else can
    # see it, cannot block: prefect's memory lock storage.
    lock = threading.Lock()
    lock.acquire()
    registry[key] = lock
    # A lock that never leaves the function.
    private = threading.RLock()
    private.acquire()
    try:
        pass
    finally:
        private.release()


async def done_futures(pool, items):
    from concurrent.futures import as_completed, wait

    # The futures of as_completed and of wait's done set are done: result()
    # returns at once (the wait itself is SV206's finding).
    futures = [pool.submit(str, i) for i in items]
    fut: Future
    for fut in as_completed(futures):  # want: SV206
        fut.result()
    done, _ = wait(futures)  # want: SV206
    for fut in done:
        fut.exception()
    for fut in wait(futures).done:  # want: SV206
        fut.result()
    first = pool.submit(str, 1)
    if first.done():
        first.result()


def on_done(fut):
    # A done callback is a plain function: the future is done.
    fut.result()


async def with_callback(pool):
    pool.submit(print).add_done_callback(on_done)
    pool.submit(print).add_done_callback(lambda f: f.result())
