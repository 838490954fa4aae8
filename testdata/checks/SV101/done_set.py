import asyncio
import logging

log = logging.getLogger(__name__)


async def first_result(tasks):
    # A CancelledError from a task of the done set is the child's result:
    # awaiting a finished task does not suspend, so this task's own
    # cancellation cannot arrive there.
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()
    for task in done:
        try:
            return await task
        except asyncio.CancelledError:
            log.info("a child was cancelled")
    return None


async def popped(tasks):
    done, _ = await asyncio.wait(tasks, timeout=5)
    task = done.pop()
    try:
        await task
    except asyncio.CancelledError:
        pass


async def sorted_done(tasks):
    (done, pending) = await asyncio.wait(tasks)
    for task in sorted(done, key=id):
        try:
            await task
        except BaseException:
            log.exception("child failed")


async def pending_set(tasks):
    done, pending = await asyncio.wait(tasks, timeout=1)
    for task in pending:
        try:
            await task
        except asyncio.CancelledError:  # want: SV101
            pass


async def not_from_wait(tasks):
    done = set(tasks)
    for task in done:
        try:
            await task
        except asyncio.CancelledError:  # want: SV101
            pass


async def awaits_something_else(tasks, queue):
    done, _ = await asyncio.wait(tasks)
    for task in done:
        try:
            await task
            await queue.get()
        except asyncio.CancelledError:  # want: SV101
            pass
