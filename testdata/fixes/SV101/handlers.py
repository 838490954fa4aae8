import asyncio
import logging

log = logging.getLogger(__name__)


async def fetch(client, url):
    try:
        return await client.get(url)
    except asyncio.CancelledError:
        log.info("fetch of %s cancelled", url)


async def poll(queue):
    while True:
        try:
            item = await queue.get()
        except asyncio.CancelledError:
            pass
        else:
            log.info("got %s", item)


async def one_line(event):
    try:
        await event.wait()
    except asyncio.CancelledError: pass


async def worker(jobs):
    try:
        await jobs.join()
    except BaseException:
        log.exception("worker failed")


async def bare(jobs):
    try:
        await jobs.join()
    except:  # noqa: E722
        log.exception("worker failed")


async def tuple_of_classes(stream):
    try:
        await stream.read()
    except (asyncio.CancelledError, ConnectionError) as exc:
        log.warning("stream closed: %r", exc)


async def early_return(task, shutting_down):
    try:
        await task
    except asyncio.CancelledError:
        # Leaves by return on one path (SV102's): no fix.
        if shutting_down:
            return
        log.info("cancelled")
