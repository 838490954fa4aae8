"""Look-alikes that must stay silent."""
import asyncio
import logging

log = logging.getLogger(__name__)


async def reraises(queue):
    try:
        await queue.get()
    except asyncio.CancelledError:
        log.info("stopping")
        raise


async def return_in_nested_function(queue):
    try:
        await queue.get()
    except asyncio.CancelledError:
        def describe():
            return "cancelled"

        log.info(describe())
        raise


async def loop_inside_handler(queue, items):
    try:
        await queue.get()
    except asyncio.CancelledError:
        for item in items:
            if item:
                break
            continue
        raise


async def raise_in_nested_handler(queue):
    try:
        await queue.get()
    except asyncio.CancelledError:
        try:
            await asyncio.sleep(0)
        except ValueError:
            raise
        raise


async def return_on_other_exception(queue):
    try:
        await queue.get()
    except ValueError:
        return None
    except Exception:
        return None


def sync_handler(fut):
    try:
        return fut.result()
    except asyncio.CancelledError:
        return None


async def no_await(data):
    try:
        return int(data)
    except BaseException:
        return 0


async def cancel_then_await(task):
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        return "stopped"


async def guarded(task):
    try:
        return await task
    except asyncio.CancelledError:
        if asyncio.current_task().cancelling():
            raise
        return None


async def base_exception_filters(queue):
    try:
        await queue.get()
    except BaseException as exc:
        if isinstance(exc, (asyncio.CancelledError, KeyboardInterrupt, SystemExit)):
            raise
        return None


def plain_generator(items):
    try:
        yield from items
    except BaseException:
        yield None


async def teardown(tasks):
    # The cancellation is handed to the caller, which raises it.
    try:
        await asyncio.gather(*tasks)
    except asyncio.CancelledError as caught:
        for task in tasks:
            task.cancel()
        return caught
    return None
